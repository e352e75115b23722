import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseXml } from '../../../../ews/soap-request.ts';
import type { XmlElement } from '../../../../ews/xml-element.ts';
import type { MockExchange } from '../../../../mock-exchange/mock-exchange.ts';
import { ewsCall } from '../../../support/ews-call.ts';
import { startMock } from '../../../support/mock-server.ts';
import { testOrgConfig } from '../../../support/test-org.ts';

const ALICE = { impersonate: 'alice@example.test' };
const CAROL = { impersonate: 'carol@example.test' };

const userOptions = (folder = '<t:DistinguishedFolderId Id="root"/>', name = 'OWA.UserOptions', props = 'All') =>
  `<m:GetUserConfiguration><m:UserConfigurationName Name="${name}">${folder}</m:UserConfigurationName>` +
  `<m:UserConfigurationProperties>${props}</m:UserConfigurationProperties></m:GetUserConfiguration>`;

const createFolder = (parent: string, folders: string) =>
  `<m:CreateFolder><m:ParentFolderId>${parent}</m:ParentFolderId><m:Folders>${folders}</m:Folders></m:CreateFolder>`;
const calendarFolder = (name: string) => `<t:CalendarFolder><t:DisplayName>${name}</t:DisplayName></t:CalendarFolder>`;
const mailFolder = (name: string) => `<t:Folder><t:DisplayName>${name}</t:DisplayName></t:Folder>`;
const deleteFolder = (ids: string[]) =>
  `<m:DeleteFolder DeleteType="HardDelete"><m:FolderIds>${ids.map((id) => `<t:FolderId Id="${id}"/>`).join('')}</m:FolderIds></m:DeleteFolder>`;
const findItem = (folder: string, view = '') =>
  `<m:FindItem Traversal="Shallow"><m:ItemShape><t:BaseShape>Default</t:BaseShape></m:ItemShape>${view}` +
  `<m:ParentFolderIds>${folder}</m:ParentFolderIds></m:FindItem>`;
const findFolder = (parent: string) =>
  `<m:FindFolder Traversal="Shallow"><m:FolderShape><t:BaseShape>Default</t:BaseShape></m:FolderShape>` +
  `<m:ParentFolderIds>${parent}</m:ParentFolderIds></m:FindFolder>`;

async function messages(body: string): Promise<readonly XmlElement[]> {
  const root = await parseXml(body);
  return root.at('Body')?.children[0]?.child('ResponseMessages')?.children ?? [];
}
const codes = async (body: string) => (await messages(body)).map((m) => m.textAt('ResponseCode'));

describe('GetUserConfiguration, CreateFolder, DeleteFolder and FindItem on any folder over raw SOAP', () => {
  let mock: MockExchange;
  beforeEach(async () => {
    const config = testOrgConfig();
    const carol = config.mailboxes.find((m) => m.address === 'carol@example.test');
    if (carol) carol.timeZone = 'W. Europe Standard Time';
    mock = await startMock(config);
  });
  afterEach(async () => {
    await mock.stop();
  });

  it("reads OWA.UserOptions on the root: the mailbox's time zone, UTC when the organization names none", async () => {
    const carol = await ewsCall(mock, userOptions(), CAROL);
    expect(carol.status).toBe(200);
    const [message] = await messages(carol.body);
    const configuration = message?.child('UserConfiguration');
    expect(configuration?.child('UserConfigurationName')?.attr('Name')).toBe('OWA.UserOptions');
    const entries = configuration?.child('Dictionary')?.children ?? [];
    const pairs = entries.map((e) => [e.textAt('DictionaryKey', 'Value'), e.textAt('DictionaryValue', 'Value')]);
    expect(pairs).toContainEqual(['timezone', 'W. Europe Standard Time']);
    expect(configuration?.child('ItemId')?.attr('Id')).toMatch(/^[A-Za-z0-9+/=_-]{20,}$/);
    const alice = await ewsCall(mock, userOptions(), ALICE);
    expect(alice.body).toContain(
      '<t:Value>timezone</t:Value></t:DictionaryKey><t:DictionaryValue><t:Type>String</t:Type><t:Value>UTC</t:Value>',
    );
  });

  it('answers only the properties asked for, and ErrorItemNotFound for a configuration the mailbox lacks', async () => {
    const idOnly = await ewsCall(mock, userOptions(undefined, undefined, 'Id'), ALICE);
    expect(idOnly.body).toContain('<t:ItemId ');
    expect(idOnly.body).not.toContain('<t:Dictionary');
    const missing = await ewsCall(mock, userOptions(undefined, 'OWA.ViewStateConfiguration'), ALICE);
    expect([missing.status, missing.code]).toEqual([200, 'ErrorItemNotFound']);
    const elsewhere = await ewsCall(mock, userOptions('<t:DistinguishedFolderId Id="inbox"/>'), ALICE);
    expect(elsewhere.code).toBe('ErrorItemNotFound');
    const bad = await ewsCall(mock, userOptions(undefined, undefined, 'Everything'), ALICE);
    expect([bad.status, bad.code]).toEqual([500, 'ErrorSchemaValidation']);
    expect(bad.body).toContain('UserConfigurationProperties');
  });

  it('creates a calendar and a mail folder under msgfolderroot, lists them, finds no items in them, deletes them', async () => {
    const root = '<t:DistinguishedFolderId Id="msgfolderroot"/>';
    const created = await ewsCall(mock, createFolder(root, calendarFolder('Scratch') + mailFolder('Projects')), ALICE);
    expect(await codes(created.body)).toEqual(['NoError', 'NoError']);
    const ids = [...created.body.matchAll(/<t:FolderId Id="([^"]+)"/g)].map((m) => m[1] as string);
    expect(created.body).toMatch(/<t:CalendarFolder><t:FolderId [^>]*\/><\/t:CalendarFolder>/);
    expect(ids).toHaveLength(2);

    const listed = await ewsCall(mock, findFolder(root), ALICE);
    expect(listed.body).toContain('<t:DisplayName>Scratch</t:DisplayName>');
    expect(listed.body).toContain('<t:DisplayName>Projects</t:DisplayName>');

    const scratch = `<t:FolderId Id="${ids[0]}"/>`;
    const view = '<m:CalendarView StartDate="2030-05-01T00:00:00Z" EndDate="2030-06-01T00:00:00Z"/>';
    const emptyCalendar = await ewsCall(mock, findItem(scratch, view), ALICE);
    expect(await codes(emptyCalendar.body)).toEqual(['NoError']);
    expect(emptyCalendar.body).toContain('TotalItemsInView="0"');
    const emptyMail = await ewsCall(mock, findItem(`<t:FolderId Id="${ids[1]}"/>`), ALICE);
    expect(await codes(emptyMail.body)).toEqual(['NoError']);
    expect(emptyMail.body).toMatch(/<m:RootFolder [^>]*TotalItemsInView="0"[^>]*><t:Items\/><\/m:RootFolder>/);

    const deleted = await ewsCall(mock, deleteFolder(ids), ALICE);
    expect(await codes(deleted.body)).toEqual(['NoError', 'NoError']);
    const again = await ewsCall(mock, deleteFolder(ids.slice(0, 1)), ALICE);
    expect(await codes(again.body)).toEqual(['ErrorFolderNotFound']);
    expect((await ewsCall(mock, findFolder(root), ALICE)).body).not.toContain('Scratch');
  });

  it('refuses a duplicate name, a parent outside msgfolderroot, a missing name and well-known folders', async () => {
    const root = '<t:DistinguishedFolderId Id="msgfolderroot"/>';
    const twice = await ewsCall(mock, createFolder(root, calendarFolder('Twice') + calendarFolder('twice')), ALICE);
    expect(await codes(twice.body)).toEqual(['NoError', 'ErrorFolderExists']);
    const outside = await ewsCall(
      mock,
      createFolder('<t:DistinguishedFolderId Id="searchfolders"/>', mailFolder('X')),
      ALICE,
    );
    expect(await codes(outside.body)).toEqual(['ErrorInvalidParentFolder']);
    const nameless = await ewsCall(mock, createFolder(root, '<t:Folder/>'), ALICE);
    expect(await codes(nameless.body)).toEqual(['ErrorRequiredPropertyMissing']);
    const inbox = await ewsCall(
      mock,
      '<m:DeleteFolder DeleteType="SoftDelete"><m:FolderIds><t:DistinguishedFolderId Id="inbox"/></m:FolderIds></m:DeleteFolder>',
      ALICE,
    );
    expect(await codes(inbox.body)).toEqual(['ErrorDeleteDistinguishedFolder']);
  });

  it("answers FindItem on a well-known mail folder with no items, and CalendarView there with Exchange's error", async () => {
    const inbox = '<t:DistinguishedFolderId Id="inbox"/>';
    const plain = await ewsCall(mock, findItem(inbox), ALICE);
    expect(await codes(plain.body)).toEqual(['NoError']);
    const view = '<m:CalendarView StartDate="2030-05-01T00:00:00Z" EndDate="2030-06-01T00:00:00Z"/>';
    const calendarView = await ewsCall(mock, findItem(inbox, view), ALICE);
    expect(await codes(calendarView.body)).toEqual(['ErrorCalendarFolderIsInvalidForCalendarView']);
  });
});
