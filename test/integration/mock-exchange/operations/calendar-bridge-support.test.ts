import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockExchange } from '../../../../mock-exchange/mock-exchange.ts';
import { EWS_SCHEMA_DIR, validateAgainstSchema } from '../../../support/ews-schema.ts';
import { postEws } from '../../../support/https-post.ts';
import { startMock } from '../../../support/mock-server.ts';
import { soapEnvelope } from '../../../support/soap-envelope.ts';
import { testOrgConfig } from '../../../support/test-org.ts';

/**
 * What an EWS-to-CalDAV bridge (DavMail) asks of a server, over raw SOAP so it runs without the bridge:
 * ConvertId naming its own mailbox, a scratch IPF.Appointment folder holding an item, the recurrence and
 * instance-type properties it filters on, and iCalendar it sends for all-day events and Outlook zone names.
 */
const ALICE = { impersonate: 'alice@example.test' };
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const one = (body: string, re: RegExp) => re.exec(body)?.[1];

const getFolderRoot =
  '<m:GetFolder><m:FolderShape><t:BaseShape>IdOnly</t:BaseShape></m:FolderShape><m:FolderIds><t:DistinguishedFolderId Id="root"/></m:FolderIds></m:GetFolder>';
const convertId = (id: string) =>
  `<m:ConvertId DestinationFormat="EwsId"><m:SourceIds><t:AlternateId Format="EwsId" Id="${id}" Mailbox="blah@blah.com"/></m:SourceIds></m:ConvertId>`;
const createScratchFolder =
  '<m:CreateFolder><m:ParentFolderId><t:DistinguishedFolderId Id="msgfolderroot"/></m:ParentFolderId><m:Folders>' +
  '<t:Folder><t:FolderClass>IPF.Appointment</t:FolderClass><t:DisplayName>scratch</t:DisplayName></t:Folder></m:Folders></m:CreateFolder>';
const createIn = (folderId: string, props: string) =>
  `<m:CreateItem SendMeetingInvitations="SendToNone"><m:SavedItemFolderId><t:FolderId Id="${folderId}"/></m:SavedItemFolderId>` +
  `<m:Items><t:CalendarItem>${props}</t:CalendarItem></m:Items></m:CreateItem>`;
const createMime = (ics: string) =>
  `<m:CreateItem SendMeetingInvitations="SendToNone"><m:Items><t:CalendarItem><t:MimeContent CharacterSet="UTF-8">${b64(ics)}</t:MimeContent></t:CalendarItem></m:Items></m:CreateItem>`;
const getItem = (id: string, mime = true) =>
  `<m:GetItem><m:ItemShape><t:BaseShape>AllProperties</t:BaseShape><t:IncludeMimeContent>${mime}</t:IncludeMimeContent></m:ItemShape>` +
  `<m:ItemIds><t:ItemId Id="${id}"/></m:ItemIds></m:GetItem>`;
const deleteFolder = (id: string) =>
  `<m:DeleteFolder DeleteType="HardDelete"><m:FolderIds><t:FolderId Id="${id}"/></m:FolderIds></m:DeleteFolder>`;
/** DavMail's calendar listing: series by PidLidRecurring, else by instancetype (0 single, 1 master). */
const findByRecurrence = (recurring: boolean) =>
  '<m:FindItem Traversal="Shallow"><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape><t:AdditionalProperties>' +
  '<t:FieldURI FieldURI="item:Subject"/>' +
  '<t:ExtendedFieldURI DistinguishedPropertySetId="PublicStrings" PropertyName="urn:schemas:calendar:instancetype" PropertyType="Integer"/>' +
  '</t:AdditionalProperties></m:ItemShape><m:IndexedPageItemView MaxEntriesReturned="500" Offset="0" BasePoint="Beginning"/>' +
  '<m:Restriction><t:IsEqualTo><t:ExtendedFieldURI DistinguishedPropertySetId="Appointment" PropertyId="33315" PropertyType="Boolean"/>' +
  `<t:FieldURIOrConstant><t:Constant Value="${recurring}"/></t:FieldURIOrConstant></t:IsEqualTo></m:Restriction>` +
  '<m:ParentFolderIds><t:DistinguishedFolderId Id="calendar"/></m:ParentFolderIds></m:FindItem>';

/** Outlook 2007 names zones by display name; the VTIMEZONE is what identifies it (UTC+10 with Sydney's DST). */
const OUTLOOK_SYDNEY = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//Microsoft Corporation//Outlook 12.0 MIMEDIR//EN',
  'BEGIN:VTIMEZONE',
  'TZID:(UTC+10:00) Canberra\\, Melbourne\\, Sydney',
  'BEGIN:STANDARD',
  'DTSTART:16010401T030000',
  'TZOFFSETFROM:+1100',
  'TZOFFSETTO:+1000',
  'RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=4',
  'END:STANDARD',
  'BEGIN:DAYLIGHT',
  'DTSTART:16011001T020000',
  'TZOFFSETFROM:+1000',
  'TZOFFSETTO:+1100',
  'RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=10',
  'END:DAYLIGHT',
  'END:VTIMEZONE',
  'BEGIN:VEVENT',
  'UID:outlook-sydney-1',
  'SUMMARY:Sydney sync',
  'DTSTART;TZID="(UTC+10:00) Canberra, Melbourne, Sydney":20300506T090000',
  'DTEND;TZID="(UTC+10:00) Canberra, Melbourne, Sydney":20300506T100000',
  'DTSTAMP:20300501T000000Z',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\r\n');
const ALL_DAY = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//Test//EN',
  'BEGIN:VEVENT',
  'UID:all-day-1',
  'SUMMARY:Conference day',
  'DTSTART;VALUE=DATE:20300507',
  'DTEND;VALUE=DATE:20300508',
  'DTSTAMP:20300501T000000Z',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\r\n');

describe('what a calendar bridge asks of the mock (DavMail over raw SOAP)', () => {
  let mock: MockExchange;
  const bodies = new Map<string, string>();

  async function call(name: string, operation: string): Promise<string> {
    const res = await postEws(mock, soapEnvelope(operation, ALICE));
    expect(res.status, name).toBe(200);
    bodies.set(name, res.body);
    return res.body;
  }

  beforeAll(async () => {
    mock = await startMock(testOrgConfig());
  });
  afterAll(async () => {
    await mock?.stop();
  });

  it("ConvertId names the mailbox that holds the id, whatever Mailbox the request names (DavMail's address probe)", async () => {
    const root = one(await call('GetFolder root', getFolderRoot), /<t:FolderId Id="([^"]+)"/) ?? '';
    const body = await call('ConvertId own root', convertId(root));
    expect(body).toContain('>NoError</m:ResponseCode>');
    expect(one(body, /Mailbox="([^"]+)"/)).toBe('alice@example.test');
  });

  it('a t:Folder of class IPF.Appointment holds an item that GetItem reads, until DeleteFolder drops both', async () => {
    const folderId = one(await call('CreateFolder scratch', createScratchFolder), /<t:FolderId Id="([^"]+)"/) ?? '';
    const created = await call(
      'CreateItem in scratch folder',
      createIn(
        folderId,
        '<t:Start>2030-05-06T09:00:00</t:Start><t:End>2030-05-07T09:00:00</t:End><t:StartTimeZone Id="W. Europe Standard Time"/>',
      ),
    );
    expect(created).toContain('>NoError</m:ResponseCode>');
    const itemId = one(created, /<t:ItemId Id="([^"]+)"/) ?? '';
    const read = await call('GetItem in scratch folder', getItem(itemId));
    expect(read).toContain('>NoError</m:ResponseCode>');
    // 09:00 Berlin in May is 07:00Z; the VTIMEZONE is the one the server writes for the zone.
    expect(one(read, /<t:Start>([^<]*)</)).toBe('2030-05-06T07:00:00Z');
    const ics = Buffer.from(one(read, /<t:MimeContent[^>]*>([^<]*)</) ?? '', 'base64').toString('utf8');
    expect(ics).toContain('TZID:W. Europe Standard Time\r\n');
    expect(
      mock.org
        .mailbox('alice@example.test')!
        .calendar.items()
        .some((i) => i.id === itemId),
    ).toBe(false);
    expect(await call('DeleteFolder scratch', deleteFolder(folderId))).toContain('>NoError</m:ResponseCode>');
    expect(await call('GetItem after DeleteFolder', getItem(itemId, false))).toContain(
      '>ErrorItemNotFound</m:ResponseCode>',
    );
  });

  it('PidLidRecurring and instancetype tell series from single items, as restrictions and values', async () => {
    const series = await call('FindItem PidLidRecurring true', findByRecurrence(true));
    const singles = await call('FindItem PidLidRecurring false', findByRecurrence(false));
    const subjects = (body: string) => [...body.matchAll(/<t:Subject>([^<]*)</g)].map((m) => m[1]).sort();
    // alice's seeded items (test-org.ts): one daily series, the rest single.
    const seeded = mock.org.mailbox('alice@example.test')!.calendar.items();
    expect(subjects(series)).toEqual(
      seeded
        .filter((i) => i.recurrence)
        .map((i) => i.subject)
        .sort(),
    );
    expect(subjects(singles)).toEqual(
      seeded
        .filter((i) => !i.recurrence)
        .map((i) => i.subject)
        .sort(),
    );
    expect(subjects(series).length).toBeGreaterThan(0);
    expect(subjects(singles).length).toBeGreaterThan(0);
    expect([...series.matchAll(/PropertyType="Integer"\/><t:Value>(\d)</g)].map((m) => m[1])).toEqual(
      subjects(series).map(() => '1'),
    );
    expect([...singles.matchAll(/PropertyType="Integer"\/><t:Value>(\d)</g)].map((m) => m[1])).toEqual(
      subjects(singles).map(() => '0'),
    );
  });

  it('an Outlook zone named by display name is read through its VTIMEZONE and kept as the matching Windows zone', async () => {
    const created = await call('CreateItem Outlook TZID', createMime(OUTLOOK_SYDNEY));
    expect(created).toContain('>NoError</m:ResponseCode>');
    const read = await call('GetItem Outlook TZID', getItem(one(created, /<t:ItemId Id="([^"]+)"/) ?? ''));
    // 6 May is Sydney winter (UTC+10): 09:00 local is 23:00Z the day before.
    expect(one(read, /<t:Start>([^<]*)</)).toBe('2030-05-05T23:00:00Z');
    expect(one(read, /<t:End>([^<]*)</)).toBe('2030-05-06T00:00:00Z');
    const ics = Buffer.from(one(read, /<t:MimeContent[^>]*>([^<]*)</) ?? '', 'base64').toString('utf8');
    expect(ics).toContain('DTSTART;TZID=AUS Eastern Standard Time:20300506T090000\r\n');
  });

  it('an all-day event (DATE values) covers the local day in the mailbox zone and reads back as DATE values', async () => {
    const created = await call('CreateItem all-day', createMime(ALL_DAY));
    const read = await call('GetItem all-day', getItem(one(created, /<t:ItemId Id="([^"]+)"/) ?? ''));
    expect(one(read, /<t:IsAllDayEvent>([^<]*)</)).toBe('true');
    // alice's mailbox zone is UTC in the test organization.
    expect(one(read, /<t:Start>([^<]*)</)).toBe('2030-05-07T00:00:00Z');
    expect(one(read, /<t:End>([^<]*)</)).toBe('2030-05-08T00:00:00Z');
    const ics = Buffer.from(one(read, /<t:MimeContent[^>]*>([^<]*)</) ?? '', 'base64').toString('utf8');
    expect(ics).toContain('DTSTART;VALUE=DATE:20300507\r\n');
    expect(ics).toContain('DTEND;VALUE=DATE:20300508\r\n');
    expect(ics).toContain('UID:all-day-1\r\n');
  });

  it.skipIf(!EWS_SCHEMA_DIR)('every response above validates against the EWS schema', async () => {
    const verdicts = await validateAgainstSchema([...bodies].map(([name, xml]) => ({ name, xml })));
    expect(verdicts.filter((v) => !v.valid).map((v) => `${v.name}: ${v.errors.join('; ')}`)).toEqual([]);
    expect(verdicts.length).toBeGreaterThanOrEqual(12);
  });
});
