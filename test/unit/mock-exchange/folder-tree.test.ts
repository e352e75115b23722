import { describe, expect, it, vi } from 'vitest';
import { addFolder, createdFolders, folderTree, removeFolder } from '../../../mock-exchange/folder-tree.ts';
import { Organization } from '../../../mock-exchange/organization.ts';
import { VirtualClock } from '../../../sim/clock.ts';
import { IdGenerator } from '../../../sim/ids.ts';
import { testOrgConfig } from '../../support/test-org.ts';

const org = () => new Organization(testOrgConfig(), new VirtualClock(), new IdGenerator('tree'));

describe('a mailbox folder tree', () => {
  it('finds each of its folders by FolderId, and no folder of another mailbox, item or malformed id', () => {
    const o = org();
    const alice = o.mailbox('alice@example.test')!;
    const bob = o.mailbox('bob@example.test')!;
    const tree = folderTree(alice);
    const folders = tree.folders();
    // root, Top of Information Store and its 13 folders, syncissues' 3, Finder, Recoverable Items and its 3.
    expect(folders).toHaveLength(23);
    for (const f of folders) expect(tree.byId(f.id)).toBe(f);
    expect(new Set(folders.map((f) => f.id)).size).toBe(23);
    // Bob's calendar carries the same global counter as Alice's: the whole id decides.
    const bobsCalendar = folderTree(bob).byDistinguishedId.get('calendar')!;
    expect(tree.byId(bobsCalendar.id)).toBeUndefined();
    expect(folderTree(bob).byId(bobsCalendar.id)).toBe(bobsCalendar);
    const item = alice.calendar.items()[0]!;
    expect(tree.byId(item.id)).toBeUndefined();
    expect(tree.byId('not an id')).toBeUndefined();
    expect(tree.byId('')).toBeUndefined();
  });

  it("writes a well-known folder's id when it is read, not every folder's when the tree is built", () => {
    const alice = org().mailbox('alice@example.test')!;
    const folderId = vi.spyOn(alice.ids, 'folderId');
    const tree = folderTree(alice);
    expect(folderId).not.toHaveBeenCalled();
    const calendar = tree.byDistinguishedId.get('calendar')!;
    expect(calendar.id).toBe(calendar.id);
    expect(folderId).toHaveBeenCalledTimes(1);
    // A lookup by id reads only the folder its counter names.
    expect(tree.byId(calendar.id)).toBe(calendar);
    expect(folderId).toHaveBeenCalledTimes(1);
    expect(tree.byId(tree.byDistinguishedId.get('inbox')!.id)?.distinguishedId).toBe('inbox');
    expect(folderId).toHaveBeenCalledTimes(2);
  });

  it('finds a created folder by id until it is removed; only created folders are listed as such', () => {
    const alice = org().mailbox('alice@example.test')!;
    expect([...createdFolders(alice)]).toEqual([]);
    const inbox = folderTree(alice).byDistinguishedId.get('inbox')!;
    const made = addFolder(inbox, { element: 'Folder', folderClass: 'IPF.Note', displayName: 'Projects' });
    const tree = folderTree(alice);
    expect(tree.byId(made.id)).toBe(made);
    expect(tree.byDistinguishedId.get('inbox')!.children.at(-1)).toBe(made);
    expect([...createdFolders(alice)]).toEqual([made]);
    removeFolder(made);
    expect(folderTree(alice).byId(made.id)).toBeUndefined();
    expect([...createdFolders(alice)]).toEqual([]);
  });
});
