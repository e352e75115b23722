import type { Calendar } from './calendar.ts';
import { folderDisplayName, type LocalizedFolder } from './folder-names.ts';
import { decodeEwsId, IdProcessingInstruction } from './ids/ews-id.ts';
import { changeKey, parseEntryId, StoreObjectType } from './ids/store-object-id.ts';
import type { Mailbox } from './organization.ts';

/** The schema element a folder is written as. */
export type FolderElement = 'Folder' | 'CalendarFolder' | 'ContactsFolder' | 'TasksFolder' | 'SearchFolder';

/** One folder of a mailbox: a well-known folder Exchange creates (named by its DistinguishedFolderId) or a user's. */
export interface MailboxFolder {
  /** The DistinguishedFolderId; empty for folders made by CreateFolder. */
  readonly distinguishedId: string;
  readonly id: string;
  readonly changeKey: string;
  readonly parent: MailboxFolder | undefined;
  readonly children: MailboxFolder[];
  readonly element: FolderElement;
  readonly folderClass: string | undefined;
  readonly displayName: string;
  /** System folders (root, Top of Information Store, Finder, Recoverable Items) cannot be deleted. */
  readonly system: boolean;
  readonly mailbox: Mailbox;
  /** The items of a calendar folder made by CreateFolder (the well-known calendar's are the mailbox's). */
  readonly calendar?: Calendar;
}

interface FolderSpec {
  id: string;
  element?: FolderElement;
  folderClass?: string;
  /** Fixed, unlocalized name (non-IPM folders and Top of Information Store keep theirs in every language). */
  name?: string;
  system?: boolean;
  children?: FolderSpec[];
}

const mail = (id: LocalizedFolder, children?: FolderSpec[]): FolderSpec => ({ id, folderClass: 'IPF.Note', children });

/**
 * The folders Exchange creates in every mailbox: the non-IPM subtree (root) holds Top of Information Store
 * (msgfolderroot, the folders users see), Finder (searchfolders) and Recoverable Items.
 */
const TREE: FolderSpec = {
  id: 'root',
  name: '',
  system: true,
  children: [
    {
      id: 'msgfolderroot',
      name: 'Top of Information Store',
      system: true,
      children: [
        { id: 'calendar', element: 'CalendarFolder', folderClass: 'IPF.Appointment' },
        { id: 'contacts', element: 'ContactsFolder', folderClass: 'IPF.Contact' },
        mail('conversationhistory'),
        mail('deleteditems'),
        mail('drafts'),
        mail('inbox'),
        { id: 'journal', folderClass: 'IPF.Journal' },
        mail('junkemail'),
        { id: 'notes', folderClass: 'IPF.StickyNote' },
        mail('outbox'),
        mail('sentitems'),
        mail('syncissues', [mail('conflicts'), mail('localfailures'), mail('serverfailures')]),
        { id: 'tasks', element: 'TasksFolder', folderClass: 'IPF.Task' },
      ],
    },
    { id: 'searchfolders', name: 'Finder', system: true },
    {
      id: 'recoverableitemsroot',
      name: 'Recoverable Items',
      system: true,
      children: [
        { id: 'recoverableitemsdeletions', name: 'Deletions', system: true },
        { id: 'recoverableitemspurges', name: 'Purges', system: true },
        { id: 'recoverableitemsversions', name: 'Versions', system: true },
      ],
    },
  ],
};

/** A mailbox's folders by DistinguishedFolderId and by FolderId. */
export interface FolderTree {
  readonly root: MailboxFolder;
  readonly byDistinguishedId: ReadonlyMap<string, MailboxFolder>;
  /** The folder with this canonical FolderId (as parseEwsId writes it), if the tree holds it. */
  byId(id: string): MailboxFolder | undefined;
  /** Every folder, depth-first in tree order. */
  folders(): MailboxFolder[];
}

/** Trees a client changed (CreateFolder, DeleteFolder): kept for the mailbox's lifetime. */
const changed = new WeakMap<Mailbox, MailboxFolderTree>();
/**
 * Unchanged trees are the same folders with ids from the seed, so they are rebuilt on demand: only the most
 * recently used are kept (an organization of 50,000 mailboxes would otherwise hold a million folder objects).
 */
const recent = new Map<Mailbox, MailboxFolderTree>();
const RECENT_TREES = 512;

/** A well-known folder's global counter: its place in the tree, so every mailbox numbers them alike. */
export function wellKnownFolderCounter(distinguishedId: string): number {
  const at = MODELLED_FOLDER_IDS.indexOf(distinguishedId);
  if (at === -1) throw new Error(`wellKnownFolderCounter: "${distinguishedId}" is not a modelled folder`);
  return at + 1;
}

/** A folder's change key: its kind, the mailbox's replica GUID and, as change number, its own counter. */
function folderChangeKey(mbx: Mailbox, element: FolderElement, counter: number): string {
  const type = element === 'CalendarFolder' ? StoreObjectType.CalendarFolder : StoreObjectType.Folder;
  return changeKey(type, mbx.ids.replicaGuid, counter);
}

/**
 * A folder Exchange creates in every mailbox. Its id and change key are written when first read: most requests
 * that build a tree (FindFolder by name, a calendar by DistinguishedFolderId) read one folder's, not all 23.
 */
class WellKnownFolder implements MailboxFolder {
  readonly distinguishedId: string;
  readonly children: MailboxFolder[] = [];
  readonly element: FolderElement;
  readonly folderClass: string | undefined;
  readonly displayName: string;
  readonly system: boolean;
  #id: string | undefined;
  #changeKey: string | undefined;

  constructor(
    readonly mailbox: Mailbox,
    readonly counter: number,
    spec: FolderSpec,
    readonly parent: MailboxFolder | undefined,
  ) {
    this.distinguishedId = spec.id;
    this.element = spec.element ?? 'Folder';
    this.folderClass = spec.folderClass;
    this.displayName = spec.name ?? folderDisplayName(spec.id as LocalizedFolder, mailbox.locale);
    this.system = spec.system ?? false;
  }

  get id(): string {
    this.#id ??= this.mailbox.ids.folderId(this.counter);
    return this.#id;
  }

  get changeKey(): string {
    this.#changeKey ??= folderChangeKey(this.mailbox, this.element, this.counter);
    return this.#changeKey;
  }
}

class MailboxFolderTree implements FolderTree {
  readonly root: MailboxFolder;
  readonly byDistinguishedId = new Map<string, WellKnownFolder>();
  /** Folders made by CreateFolder, by id. */
  readonly created = new Map<string, MailboxFolder>();

  constructor(readonly mailbox: Mailbox) {
    this.root = this.#build(TREE, undefined);
  }

  #build(spec: FolderSpec, parent: MailboxFolder | undefined): WellKnownFolder {
    const folder = new WellKnownFolder(this.mailbox, wellKnownFolderCounter(spec.id), spec, parent);
    this.byDistinguishedId.set(spec.id, folder);
    for (const child of spec.children ?? []) folder.children.push(this.#build(child, folder));
    return folder;
  }

  byId(id: string): MailboxFolder | undefined {
    const made = this.created.get(id);
    if (made) return made;
    // A well-known folder is found by the counter its id carries, then checked whole (mailbox, store, counter).
    const counter = folderIdCounter(id);
    const distinguishedId = counter === undefined ? undefined : MODELLED_FOLDER_IDS[counter - 1];
    const folder = distinguishedId === undefined ? undefined : this.byDistinguishedId.get(distinguishedId);
    return folder?.id === id ? folder : undefined;
  }

  folders(): MailboxFolder[] {
    return [this.root, ...folderDescendants(this.root, true)];
  }
}

/** The global counter of the folder a FolderId's store id names; undefined for anything else. */
function folderIdCounter(id: string): number | undefined {
  const parts = decodeEwsId(id);
  const entry = parts && parts.instruction === IdProcessingInstruction.Normal ? parseEntryId(parts.storeId) : undefined;
  return entry?.kind === 'folder' ? entry.folderCounter : undefined;
}

/** The folder tree of a mailbox: the one a client changed, else the well-known folders (cached or rebuilt). */
export function folderTree(mbx: Mailbox): FolderTree {
  return treeOf(mbx);
}

function treeOf(mbx: Mailbox): MailboxFolderTree {
  const kept = changed.get(mbx);
  if (kept) return kept;
  let tree = recent.get(mbx);
  if (tree) recent.delete(mbx);
  else {
    tree = new MailboxFolderTree(mbx);
    if (recent.size >= RECENT_TREES) recent.delete(recent.keys().next().value as Mailbox);
  }
  recent.set(mbx, tree);
  return tree;
}

/** Folders made by CreateFolder in a mailbox, without building its tree when it has none. */
export function createdFolders(mbx: Mailbox): Iterable<MailboxFolder> {
  return changed.get(mbx)?.created.values() ?? [];
}

/** The mailbox's tree, kept from now on because it is about to change; `folder` as that tree holds it. */
function changing(folder: MailboxFolder): { tree: MailboxFolderTree; folder: MailboxFolder } {
  const mbx = folder.mailbox;
  const tree = treeOf(mbx);
  recent.delete(mbx);
  changed.set(mbx, tree);
  return { tree, folder: tree.byId(folder.id) ?? folder };
}

/** A well-known folder's change key without building the tree (the calendar's, on every item written). */
export function wellKnownFolderChangeKey(mbx: Mailbox, distinguishedId: string): string | undefined {
  const kept = changed.get(mbx) ?? recent.get(mbx);
  if (kept) return kept.byDistinguishedId.get(distinguishedId)?.changeKey;
  const element = distinguishedId === 'calendar' ? 'CalendarFolder' : undefined;
  if (!element) return folderTree(mbx).byDistinguishedId.get(distinguishedId)?.changeKey;
  return folderChangeKey(mbx, element, wellKnownFolderCounter(distinguishedId));
}

/** A folder made by CreateFolder, placed last among `parent`'s children and indexed by its id. */
export function addFolder(
  located: MailboxFolder,
  fields: Pick<MailboxFolder, 'element' | 'folderClass' | 'displayName'>,
  /** Makes the folder's own calendar (a calendar folder), given the folder's global counter for its item ids. */
  calendarFor?: (folderCounter: number) => Calendar,
): MailboxFolder {
  const { tree, folder: parent } = changing(located);
  const { id, counter } = parent.mailbox.ids.newFolderId();
  const folder: MailboxFolder = {
    ...fields,
    id,
    distinguishedId: '',
    changeKey: folderChangeKey(parent.mailbox, fields.element, counter),
    calendar: calendarFor?.(counter),
    parent,
    children: [],
    system: false,
    mailbox: parent.mailbox,
  };
  parent.children.push(folder);
  tree.created.set(folder.id, folder);
  return folder;
}

/** Rename a folder made by CreateFolder; it takes a new change key (its change number moves on), as any change does. */
export function renameFolder(located: MailboxFolder, displayName: string): MailboxFolder {
  const { folder } = changing(located);
  const type = folder.element === 'CalendarFolder' ? StoreObjectType.CalendarFolder : StoreObjectType.Folder;
  Object.assign(folder, { displayName, changeKey: folder.mailbox.ids.nextChangeKey(type) });
  return folder;
}

/** Remove a folder made by CreateFolder, with its subfolders. */
export function removeFolder(located: MailboxFolder): void {
  const { tree, folder } = changing(located);
  const siblings = folder.parent?.children;
  const at = siblings?.indexOf(folder) ?? -1;
  if (siblings && at >= 0) siblings.splice(at, 1);
  for (const f of [folder, ...folderDescendants(folder, true)]) tree.created.delete(f.id);
}

/** Items in a folder: the calendar holds the mailbox's calendar items, a created calendar folder its own. */
export function folderTotalCount(f: MailboxFolder): number {
  return f.distinguishedId === 'calendar' ? f.mailbox.calendar.size : (f.calendar?.size ?? 0);
}

/** Folders below `f`, depth-first in tree order; only the direct children unless `deep`. */
export function folderDescendants(f: MailboxFolder, deep: boolean): MailboxFolder[] {
  const out: MailboxFolder[] = [];
  for (const child of f.children) {
    out.push(child);
    if (deep) out.push(...folderDescendants(child, true));
  }
  return out;
}

/** Every DistinguishedFolderId the tree models. */
export const MODELLED_FOLDER_IDS: readonly string[] = (() => {
  const ids: string[] = [];
  const walk = (s: FolderSpec) => {
    ids.push(s.id);
    for (const c of s.children ?? []) walk(c);
  };
  walk(TREE);
  return ids;
})();
