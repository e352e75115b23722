import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockExchange } from '../../../../mock-exchange/mock-exchange.ts';
import { schemaTestsEnabled, validateAgainstSchema } from '../../../support/ews-schema.ts';
import { postEws } from '../../../support/https-post.ts';
import { startMock } from '../../../support/mock-server.ts';
import { soapEnvelope } from '../../../support/soap-envelope.ts';
import { testOrgConfig } from '../../../support/test-org.ts';

const bodies: { name: string; xml: string }[] = [];

async function call(mock: MockExchange, operation: string, keep?: string): Promise<{ status: number; body: string }> {
  const res = await postEws(mock, soapEnvelope(operation, { impersonate: 'bob@example.test' }));
  if (keep) bodies.push({ name: keep, xml: res.body });
  return res;
}

const idOf = (body: string) => /<t:ItemId Id="([^"]+)"/.exec(body)?.[1] ?? '';
const create = (props: string) =>
  '<m:CreateItem SendMeetingInvitations="SendToNone"><m:Items><t:CalendarItem>' +
  `<t:Subject>Doctor</t:Subject>${props}<t:Start>2030-05-06T15:00:00Z</t:Start><t:End>2030-05-06T16:00:00Z</t:End>` +
  '</t:CalendarItem></m:Items></m:CreateItem>';
const getItem = (id: string) =>
  '<m:GetItem><m:ItemShape><t:BaseShape>AllProperties</t:BaseShape><t:IncludeMimeContent>true</t:IncludeMimeContent>' +
  `</m:ItemShape><m:ItemIds><t:ItemId Id="${id}"/></m:ItemIds></m:GetItem>`;
const mimeOf = (body: string) =>
  Buffer.from(/<t:MimeContent[^>]*>([^<]+)</.exec(body)?.[1] ?? '', 'base64').toString('utf8');

describe('Sensitivity is stored, set by CreateItem, UpdateItem and MimeContent CLASS, and returned', () => {
  let mock: MockExchange;
  beforeAll(async () => {
    mock = await startMock(testOrgConfig());
  });
  afterAll(async () => {
    await mock?.stop();
  });

  it('CreateItem Private reads back Private, with CLASS:PRIVATE in the MimeContent', async () => {
    const created = await call(mock, create('<t:Sensitivity>Private</t:Sensitivity>'));
    expect(created.body).toContain('>NoError</m:ResponseCode>');
    const got = await call(mock, getItem(idOf(created.body)), 'GetItem Private');
    expect(got.body).toContain('<t:Sensitivity>Private</t:Sensitivity>');
    expect(mimeOf(got.body)).toContain('\r\nCLASS:PRIVATE\r\n');
    const plain = await call(mock, create(''));
    const normal = await call(mock, getItem(idOf(plain.body)));
    expect(normal.body).toContain('<t:Sensitivity>Normal</t:Sensitivity>');
    expect(mimeOf(normal.body)).toContain('\r\nCLASS:PUBLIC\r\n');
  });

  it('UpdateItem sets Confidential and DeleteItemField puts it back to Normal', async () => {
    const created = await call(mock, create(''));
    const id = idOf(created.body);
    const change = (update: string) =>
      '<m:UpdateItem ConflictResolution="AlwaysOverwrite" SendMeetingInvitationsOrCancellations="SendToNone">' +
      `<m:ItemChanges><t:ItemChange><t:ItemId Id="${id}"/><t:Updates>${update}</t:Updates></t:ItemChange></m:ItemChanges></m:UpdateItem>`;
    const set = await call(
      mock,
      change(
        '<t:SetItemField><t:FieldURI FieldURI="item:Sensitivity"/><t:CalendarItem><t:Sensitivity>Confidential</t:Sensitivity></t:CalendarItem></t:SetItemField>',
      ),
      'UpdateItem Sensitivity',
    );
    expect(set.body).toContain('>NoError</m:ResponseCode>');
    expect((await call(mock, getItem(id))).body).toContain('<t:Sensitivity>Confidential</t:Sensitivity>');
    await call(mock, change('<t:DeleteItemField><t:FieldURI FieldURI="item:Sensitivity"/></t:DeleteItemField>'));
    expect((await call(mock, getItem(id))).body).toContain('<t:Sensitivity>Normal</t:Sensitivity>');
  });

  it('MimeContent CLASS:CONFIDENTIAL becomes Confidential; an unknown Sensitivity is a schema error', async () => {
    const ics = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'BEGIN:VEVENT',
      'UID:class-test',
      'SUMMARY:Board',
      'CLASS:CONFIDENTIAL',
      'DTSTART:20300507T100000Z',
      'DTEND:20300507T110000Z',
      'END:VEVENT',
      'END:VCALENDAR',
      '',
    ].join('\r\n');
    const created = await call(
      mock,
      '<m:CreateItem SendMeetingInvitations="SendToNone"><m:Items><t:CalendarItem>' +
        `<t:MimeContent CharacterSet="UTF-8">${Buffer.from(ics).toString('base64')}</t:MimeContent>` +
        '</t:CalendarItem></m:Items></m:CreateItem>',
    );
    const got = await call(mock, getItem(idOf(created.body)), 'GetItem Confidential');
    expect(got.body).toContain('<t:Sensitivity>Confidential</t:Sensitivity>');
    const bad = await call(mock, create('<t:Sensitivity>Secret</t:Sensitivity>'));
    expect(bad.status).toBe(500);
    expect(bad.body).toContain('ErrorSchemaValidation');
  });

  it.skipIf(!schemaTestsEnabled('sensitivity schema'))('those responses validate against the EWS schema', async () => {
    expect(bodies).toHaveLength(3);
    const verdicts = await validateAgainstSchema(bodies);
    expect(verdicts.map((v) => [v.name, v.errors])).toEqual(bodies.map((b) => [b.name, []]));
  });
});
