import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MockExchange } from '../../../../mock-exchange/mock-exchange.ts';
import { postEws } from '../../../support/https-post.ts';
import { startMock } from '../../../support/mock-server.ts';
import { soapEnvelope } from '../../../support/soap-envelope.ts';

const ALICE = 'alice@example.test';
const SET = 'c11ff724-aa03-4555-9952-8fa248a11c3e';
const custom = `<t:ExtendedFieldURI PropertySetId="${SET}" PropertyName="X-Sync-Key" PropertyType="String"/>`;
const tag = (t: string, type: string) => `<t:ExtendedFieldURI PropertyTag="${t}" PropertyType="${type}"/>`;

async function call(mock: MockExchange, operation: string): Promise<string> {
  const res = await postEws(mock, soapEnvelope(operation, { impersonate: ALICE }));
  expect(res.status).toBe(200);
  return res.body;
}
const values = (body: string) =>
  [
    ...body.matchAll(
      /<t:ExtendedProperty><t:ExtendedFieldURI ([^>]*)\/><t:Value>([^<]*)<\/t:Value><\/t:ExtendedProperty>/g,
    ),
  ].map((m) => [m[1], m[2]]);
const getItem = (id: string, paths: string) =>
  `<m:GetItem><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape><t:AdditionalProperties>${paths}</t:AdditionalProperties></m:ItemShape>` +
  `<m:ItemIds><t:ItemId Id="${id}"/></m:ItemIds></m:GetItem>`;
const update = (id: string, change: string) =>
  `<m:UpdateItem ConflictResolution="AlwaysOverwrite" SendMeetingInvitationsOrCancellations="SendToNone"><m:ItemChanges>` +
  `<t:ItemChange><t:ItemId Id="${id}"/><t:Updates>${change}</t:Updates></t:ItemChange></m:ItemChanges></m:UpdateItem>`;

describe('extended (MAPI) properties over raw SOAP', () => {
  let mock: MockExchange;
  beforeEach(async () => {
    mock = await startMock();
  });
  afterEach(async () => {
    await mock.stop();
  });

  it('GetFolder answers the container class, counts and URL name of the calendar through ExtendedFieldURI', async () => {
    const body = await call(
      mock,
      '<m:GetFolder><m:FolderShape><t:BaseShape>IdOnly</t:BaseShape><t:AdditionalProperties>' +
        `${tag('0x3613', 'String')}${tag('0x3602', 'Integer')}${tag('0x3603', 'Integer')}${tag('0x10f3', 'String')}${tag('0x3008', 'SystemTime')}` +
        '</t:AdditionalProperties></m:FolderShape><m:FolderIds><t:DistinguishedFolderId Id="calendar"/></m:FolderIds></m:GetFolder>',
    );
    const got = values(body);
    expect(got.slice(0, 4)).toEqual([
      ['PropertyTag="0x3613" PropertyType="String"', 'IPF.Appointment'],
      ['PropertyTag="0x3602" PropertyType="Integer"', '3'],
      ['PropertyTag="0x3603" PropertyType="Integer"', '0'],
      ['PropertyTag="0x10f3" PropertyType="String"', 'Calendar'],
    ]);
    expect(got[4]?.[1]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    // A mail folder is not a calendar: its container class says so.
    const inbox = await call(
      mock,
      `<m:GetFolder><m:FolderShape><t:BaseShape>IdOnly</t:BaseShape><t:AdditionalProperties>${tag('0x3613', 'String')}` +
        '</t:AdditionalProperties></m:FolderShape><m:FolderIds><t:DistinguishedFolderId Id="inbox"/></m:FolderIds></m:GetFolder>',
    );
    expect(values(inbox)).toEqual([['PropertyTag="0x3613" PropertyType="String"', 'IPF.Note']]);
  });

  it('stores a property a client sets on CreateItem, returns it when asked, and UpdateItem sets and deletes it', async () => {
    const created = await call(
      mock,
      '<m:CreateItem SendMeetingInvitations="SendToNone"><m:Items><t:CalendarItem><t:Subject>Bridged</t:Subject>' +
        `<t:ExtendedProperty>${custom}<t:Value>key-1</t:Value></t:ExtendedProperty>` +
        '<t:Start>2030-05-08T09:00:00Z</t:Start><t:End>2030-05-08T10:00:00Z</t:End></t:CalendarItem></m:Items></m:CreateItem>',
    );
    const id = /<t:ItemId Id="([^"]+)"/.exec(created)?.[1] ?? '';
    expect(id).not.toBe('');
    const paths = custom + tag('0x0037', 'String');
    expect(values(await call(mock, getItem(id, paths)))).toEqual([
      [`PropertySetId="${SET}" PropertyName="X-Sync-Key" PropertyType="String"`, 'key-1'],
      ['PropertyTag="0x0037" PropertyType="String"', 'Bridged'],
    ]);

    const set = await call(
      mock,
      update(
        id,
        `<t:SetItemField>${custom}<t:CalendarItem><t:ExtendedProperty>${custom}<t:Value>key-2</t:Value></t:ExtendedProperty></t:CalendarItem></t:SetItemField>`,
      ),
    );
    expect(set).toContain('>NoError</m:ResponseCode>');
    expect(values(await call(mock, getItem(id, custom)))).toEqual([
      [`PropertySetId="${SET}" PropertyName="X-Sync-Key" PropertyType="String"`, 'key-2'],
    ]);

    const deleted = await call(mock, update(id, `<t:DeleteItemField>${custom}</t:DeleteItemField>`));
    expect(deleted).toContain('>NoError</m:ResponseCode>');
    expect(values(await call(mock, getItem(id, custom)))).toEqual([]);
  });

  it('FindItem restricts and sorts on extended properties; FindFolder restricts on the container class', async () => {
    const create = (subject: string, key: string, day: string) =>
      '<m:CreateItem SendMeetingInvitations="SendToNone"><m:Items><t:CalendarItem>' +
      `<t:Subject>${subject}</t:Subject><t:ExtendedProperty>${custom}<t:Value>${key}</t:Value></t:ExtendedProperty>` +
      `<t:Start>${day}T09:00:00Z</t:Start><t:End>${day}T10:00:00Z</t:End></t:CalendarItem></m:Items></m:CreateItem>`;
    await call(mock, create('First bridged', 'b-key', '2030-05-09'));
    await call(mock, create('Second bridged', 'a-key', '2030-05-10'));
    const find = (restriction: string, sort: string) =>
      '<m:FindItem Traversal="Shallow"><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape><t:AdditionalProperties>' +
      '<t:FieldURI FieldURI="item:Subject"/></t:AdditionalProperties></m:ItemShape>' +
      `<m:Restriction>${restriction}</m:Restriction><m:SortOrder>${sort}</m:SortOrder>` +
      '<m:ParentFolderIds><t:DistinguishedFolderId Id="calendar"/></m:ParentFolderIds></m:FindItem>';
    const subjects = (body: string) => [...body.matchAll(/<t:Subject>([^<]*)<\/t:Subject>/g)].map((m) => m[1]);
    const equal = await call(
      mock,
      find(
        `<t:IsEqualTo>${custom}<t:FieldURIOrConstant><t:Constant Value="a-key"/></t:FieldURIOrConstant></t:IsEqualTo>`,
        '<t:FieldOrder Order="Ascending"><t:FieldURI FieldURI="calendar:Start"/></t:FieldOrder>',
      ),
    );
    expect(subjects(equal)).toEqual(['Second bridged']);
    const sorted = await call(
      mock,
      find(`<t:Exists>${custom}</t:Exists>`, `<t:FieldOrder Order="Ascending">${custom}</t:FieldOrder>`),
    );
    expect(subjects(sorted)).toEqual(['Second bridged', 'First bridged']);
    const bySubject = await call(
      mock,
      find(
        `<t:Exists>${custom}</t:Exists>`,
        `<t:FieldOrder Order="Descending">${tag('0x0037', 'String')}</t:FieldOrder>`,
      ),
    );
    expect(subjects(bySubject)).toEqual(['Second bridged', 'First bridged']);

    const calendars = await call(
      mock,
      '<m:FindFolder Traversal="Deep"><m:FolderShape><t:BaseShape>Default</t:BaseShape></m:FolderShape><m:Restriction>' +
        `<t:IsEqualTo>${tag('0x3613', 'String')}<t:FieldURIOrConstant><t:Constant Value="IPF.Appointment"/></t:FieldURIOrConstant></t:IsEqualTo>` +
        '</m:Restriction><m:ParentFolderIds><t:DistinguishedFolderId Id="msgfolderroot"/></m:ParentFolderIds></m:FindFolder>',
    );
    expect([...calendars.matchAll(/<t:DisplayName>([^<]*)<\/t:DisplayName>/g)].map((m) => m[1])).toEqual(['Calendar']);
  });

  it('an ExtendedFieldURI with neither tag nor property set is ErrorInvalidExtendedProperty', async () => {
    const item = mock.org.mailbox(ALICE)!.calendar.items()[0]!;
    const body = await call(mock, getItem(item.id, '<t:ExtendedFieldURI PropertyName="x" PropertyType="String"/>'));
    expect(body).toContain('>ErrorInvalidExtendedProperty</m:ResponseCode>');
  });
});
