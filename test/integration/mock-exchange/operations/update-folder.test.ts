import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseXml } from '../../../../ews/soap-request.ts';
import type { XmlElement } from '../../../../ews/xml-element.ts';
import type { MockExchange } from '../../../../mock-exchange/mock-exchange.ts';
import { ewsCall } from '../../../support/ews-call.ts';
import { schemaTestsEnabled, validateAgainstSchema } from '../../../support/ews-schema.ts';
import { startMock } from '../../../support/mock-server.ts';
import { testOrgConfig } from '../../../support/test-org.ts';

const ALICE = { impersonate: 'alice@example.test' };
const bodies: { name: string; xml: string }[] = [];

async function call(mock: MockExchange, operation: string, keep?: string): Promise<readonly XmlElement[]> {
  const res = await ewsCall(mock, operation, ALICE);
  expect(res.status).toBe(200);
  if (keep) bodies.push({ name: keep, xml: res.body });
  return (await parseXml(res.body)).at('Body')?.children[0]?.child('ResponseMessages')?.children ?? [];
}
const codes = (messages: readonly XmlElement[]) => messages.map((m) => m.textAt('ResponseCode'));
const root = '<t:DistinguishedFolderId Id="msgfolderroot"/>';
const create = (name: string) =>
  `<m:CreateFolder><m:ParentFolderId>${root}</m:ParentFolderId><m:Folders><t:CalendarFolder><t:DisplayName>${name}</t:DisplayName></t:CalendarFolder></m:Folders></m:CreateFolder>`;
const change = (folderId: string, updates: string) =>
  `<t:FolderChange>${folderId}<t:Updates>${updates}</t:Updates></t:FolderChange>`;
const update = (...changes: string[]) =>
  `<m:UpdateFolder><m:FolderChanges>${changes.join('')}</m:FolderChanges></m:UpdateFolder>`;
const setName = (name: string, element = 'CalendarFolder') =>
  `<t:SetFolderField><t:FieldURI FieldURI="folder:DisplayName"/><t:${element}><t:DisplayName>${name}</t:DisplayName></t:${element}></t:SetFolderField>`;
const getFolder = (id: string) =>
  `<m:GetFolder><m:FolderShape><t:BaseShape>Default</t:BaseShape></m:FolderShape><m:FolderIds><t:FolderId Id="${id}"/></m:FolderIds></m:GetFolder>`;

describe('UpdateFolder over raw SOAP', () => {
  let mock: MockExchange;
  let id = '';
  let changeKey = '';
  beforeAll(async () => {
    mock = await startMock(testOrgConfig());
    const [made] = await call(mock, create('Scratch'));
    id = made?.at('Folders', 'CalendarFolder', 'FolderId')?.attr('Id') ?? '';
    changeKey = made?.at('Folders', 'CalendarFolder', 'FolderId')?.attr('ChangeKey') ?? '';
    await call(mock, create('Taken'));
  });
  afterAll(async () => {
    await mock?.stop();
  });

  it('SetFolderField DisplayName renames a created folder and gives it a new ChangeKey', async () => {
    const [renamed] = await call(
      mock,
      update(change(`<t:FolderId Id="${id}"/>`, setName('Probe'))),
      'UpdateFolder rename',
    );
    expect(renamed?.textAt('ResponseCode')).toBe('NoError');
    const folderId = renamed?.at('Folders', 'CalendarFolder', 'FolderId');
    expect(folderId?.attr('Id')).toBe(id);
    expect(folderId?.attr('ChangeKey')).not.toBe(changeKey);
    const [got] = await call(mock, getFolder(id));
    expect(got?.textAt('Folders', 'CalendarFolder', 'DisplayName')).toBe('Probe');
    expect(got?.at('Folders', 'CalendarFolder', 'FolderId')?.attr('ChangeKey')).toBe(folderId?.attr('ChangeKey'));
  });

  it('answers each refused change with Exchange’s code, one message per FolderChange, and changes nothing', async () => {
    const mine = `<t:FolderId Id="${id}"/>`;
    const messages = await call(
      mock,
      update(
        change(mine, setName('TAKEN')),
        change('<t:DistinguishedFolderId Id="inbox"/>', setName('Post')),
        change(
          mine,
          '<t:SetFolderField><t:FieldURI FieldURI="folder:FolderClass"/><t:CalendarFolder><t:FolderClass>IPF.Note</t:FolderClass></t:CalendarFolder></t:SetFolderField>',
        ),
        change(mine, '<t:DeleteFolderField><t:FieldURI FieldURI="folder:DisplayName"/></t:DeleteFolderField>'),
        change(
          mine,
          '<t:AppendToFolderField><t:FieldURI FieldURI="folder:DisplayName"/><t:CalendarFolder><t:DisplayName>x</t:DisplayName></t:CalendarFolder></t:AppendToFolderField>',
        ),
        change(
          mine,
          '<t:SetFolderField><t:FieldURI FieldURI="folder:TotalCount"/><t:CalendarFolder><t:TotalCount>3</t:TotalCount></t:CalendarFolder></t:SetFolderField>',
        ),
        change(
          mine,
          '<t:SetFolderField><t:FieldURI FieldURI="folder:DisplayName"/><t:CalendarFolder><t:DisplayName>A</t:DisplayName><t:FolderClass>IPF.Appointment</t:FolderClass></t:CalendarFolder></t:SetFolderField>',
        ),
        change(
          mine,
          '<t:SetFolderField><t:FieldURI FieldURI="folder:DisplayName"/><t:CalendarFolder><t:FolderClass>IPF.Appointment</t:FolderClass></t:CalendarFolder></t:SetFolderField>',
        ),
        change('<t:FolderId Id="AAMkAGNvdCBhbiBpZA=="/>', setName('Nowhere')),
        change(mine, setName('Final', 'Folder')),
      ),
      'UpdateFolder refusals',
    );
    expect(codes(messages)).toEqual([
      'ErrorFolderExists',
      'ErrorAccessDenied',
      'ErrorNoFolderClassOverride',
      'ErrorInvalidPropertyDelete',
      'ErrorInvalidPropertyAppend',
      'ErrorInvalidPropertySet',
      'ErrorIncorrectUpdatePropertyCount',
      'ErrorUpdatePropertyMismatch',
      'ErrorInvalidIdMalformed',
      'NoError',
    ]);
    const [inbox] = await call(
      mock,
      '<m:GetFolder><m:FolderShape><t:BaseShape>Default</t:BaseShape></m:FolderShape><m:FolderIds><t:DistinguishedFolderId Id="inbox"/></m:FolderIds></m:GetFolder>',
    );
    expect(inbox?.textAt('Folders', 'Folder', 'DisplayName')).toBe('Inbox');
    const [got] = await call(mock, getFolder(id));
    expect(got?.textAt('Folders', 'CalendarFolder', 'DisplayName')).toBe('Final');
  });

  it.skipIf(!schemaTestsEnabled('UpdateFolder schema'))('those responses validate against the EWS schema', async () => {
    expect(bodies.map((b) => b.name)).toEqual(['UpdateFolder rename', 'UpdateFolder refusals']);
    const verdicts = await validateAgainstSchema(bodies);
    expect(verdicts.map((v) => [v.name, v.errors])).toEqual(bodies.map((b) => [b.name, []]));
  });
});
