import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockExchange } from '../../../../mock-exchange/mock-exchange.ts';
import { EWS_SCHEMA_DIR, validateAgainstSchema } from '../../../support/ews-schema.ts';
import { postEws } from '../../../support/https-post.ts';
import { startMock } from '../../../support/mock-server.ts';
import { soapEnvelope } from '../../../support/soap-envelope.ts';
import { testOrgConfig } from '../../../support/test-org.ts';

/**
 * An Outlook-style weekly series in Berlin, Mondays 09:00-09:30 from 18 March 2030, six times: the third
 * (1 April) deleted by EXDATE, the fourth (8 April) moved to 11:00 and renamed. Berlin is UTC+1 until
 * 31 March 2030 and UTC+2 after, so the Mondays fall at 08:00Z, 08:00Z, then 07:00Z.
 */
const UID = '040000008200E00074C5B7101A82E00800000000B0A1C2D3E4F5A6B7C8D9E0F1A2B3C4D5';
const SERIES_ICS = [
  'BEGIN:VCALENDAR',
  'METHOD:PUBLISH',
  'PRODID:-//Test//Round trip//EN',
  'VERSION:2.0',
  'BEGIN:VTIMEZONE',
  'TZID:W. Europe Standard Time',
  'BEGIN:STANDARD',
  'DTSTART:16010101T030000',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10',
  'END:STANDARD',
  'BEGIN:DAYLIGHT',
  'DTSTART:16010101T020000',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3',
  'END:DAYLIGHT',
  'END:VTIMEZONE',
  'BEGIN:VEVENT',
  'ORGANIZER;CN=Alice Archer:mailto:alice@example.test',
  'ATTENDEE;ROLE=REQ-PARTICIPANT;CN=Bob:mailto:bob@example.test',
  'RRULE:FREQ=WEEKLY;COUNT=6;INTERVAL=1;BYDAY=MO;WKST=SU',
  'EXDATE;TZID=W. Europe Standard Time:20300401T090000',
  'SUMMARY:Berlin planning',
  'DTSTART;TZID=W. Europe Standard Time:20300318T090000',
  'DTEND;TZID=W. Europe Standard Time:20300318T093000',
  `UID:${UID}`,
  'LOCATION:Room Spree',
  'DTSTAMP:20300301T120000Z',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'RECURRENCE-ID;TZID=W. Europe Standard Time:20300408T090000',
  'SUMMARY:Berlin planning (moved)',
  'DTSTART;TZID=W. Europe Standard Time:20300408T110000',
  'DTEND;TZID=W. Europe Standard Time:20300408T113000',
  `UID:${UID}`,
  'DTSTAMP:20300301T120000Z',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\r\n');

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const ALICE = { impersonate: 'alice@example.test' };

const createFromMime = (ics: string, charset = 'UTF-8') =>
  '<m:CreateItem SendMeetingInvitations="SendToNone"><m:Items><t:CalendarItem>' +
  `<t:MimeContent CharacterSet="${charset}">${ics}</t:MimeContent>` +
  '</t:CalendarItem></m:Items></m:CreateItem>';
const getWithMime = (id: string) =>
  '<m:GetItem><m:ItemShape><t:BaseShape>AllProperties</t:BaseShape><t:IncludeMimeContent>true</t:IncludeMimeContent>' +
  `</m:ItemShape><m:ItemIds><t:ItemId Id="${id}"/></m:ItemIds></m:GetItem>`;
const setMime = (id: string, changeKey: string, ics: string) =>
  '<m:UpdateItem ConflictResolution="AlwaysOverwrite" SendMeetingInvitationsOrCancellations="SendToNone">' +
  `<m:ItemChanges><t:ItemChange><t:ItemId Id="${id}" ChangeKey="${changeKey}"/><t:Updates><t:SetItemField>` +
  `<t:FieldURI FieldURI="item:MimeContent"/><t:CalendarItem><t:MimeContent CharacterSet="UTF-8">${b64(ics)}</t:MimeContent></t:CalendarItem>` +
  '</t:SetItemField></t:Updates></t:ItemChange></m:ItemChanges></m:UpdateItem>';
const calendarView = (from: string, to: string) =>
  '<m:FindItem Traversal="Shallow"><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape><t:AdditionalProperties>' +
  '<t:FieldURI FieldURI="item:Subject"/><t:FieldURI FieldURI="calendar:Start"/><t:FieldURI FieldURI="calendar:End"/>' +
  '<t:FieldURI FieldURI="calendar:CalendarItemType"/></t:AdditionalProperties></m:ItemShape>' +
  `<m:CalendarView StartDate="${from}" EndDate="${to}"/>` +
  '<m:ParentFolderIds><t:DistinguishedFolderId Id="calendar"/></m:ParentFolderIds></m:FindItem>';

const one = (body: string, re: RegExp) => re.exec(body)?.[1];
const mimeOf = (body: string) =>
  Buffer.from(one(body, /<t:MimeContent CharacterSet="UTF-8">([^<]*)<\/t:MimeContent>/) ?? '', 'base64').toString(
    'utf8',
  );

describe('MimeContent: calendar items as iCalendar (GetItem IncludeMimeContent, CreateItem, UpdateItem)', () => {
  let mock: MockExchange;
  const bodies = new Map<string, string>();
  let seriesId = '';

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

  it('CreateItem builds a weekly series with a deleted and a modified occurrence from the iCalendar', async () => {
    const body = await call('CreateItem MimeContent', createFromMime(b64(SERIES_ICS)));
    expect(body).toContain('>NoError</m:ResponseCode>');
    seriesId = one(body, /<t:ItemId Id="([^"]+)"/) ?? '';
    expect(seriesId).not.toBe('');
  });

  it('GetItem shows the same UID, times, recurrence and exceptions as item properties', async () => {
    const body = await call('GetItem IncludeMimeContent series', getWithMime(seriesId));
    expect(body).toContain('>NoError</m:ResponseCode>');
    expect(one(body, /<t:UID>([^<]*)<\/t:UID>/)).toBe(UID);
    expect(one(body, /<t:Subject>([^<]*)<\/t:Subject>/)).toBe('Berlin planning');
    expect(one(body, /<t:Start>([^<]*)<\/t:Start>/)).toBe('2030-03-18T08:00:00Z');
    expect(one(body, /<t:End>([^<]*)<\/t:End>/)).toBe('2030-03-18T08:30:00Z');
    expect(one(body, /<t:Location>([^<]*)<\/t:Location>/)).toBe('Room Spree');
    expect(one(body, /<t:CalendarItemType>([^<]*)<\/t:CalendarItemType>/)).toBe('RecurringMaster');
    expect(body).toContain('<t:WeeklyRecurrence><t:Interval>1</t:Interval><t:DaysOfWeek>Monday</t:DaysOfWeek>');
    expect(body).toContain('<t:NumberOfOccurrences>6</t:NumberOfOccurrences>');
    expect(body).toContain(
      '<t:DeletedOccurrences><t:DeletedOccurrence><t:Start>2030-04-01T07:00:00Z</t:Start></t:DeletedOccurrence></t:DeletedOccurrences>',
    );
    expect(body).toMatch(
      /<t:ModifiedOccurrences><t:Occurrence><t:ItemId [^>]*\/><t:Start>2030-04-08T09:00:00Z<\/t:Start><t:End>2030-04-08T09:30:00Z<\/t:End><t:OriginalStart>2030-04-08T07:00:00Z<\/t:OriginalStart><\/t:Occurrence><\/t:ModifiedOccurrences>/,
    );
    expect(body).toContain('<t:EmailAddress>bob@example.test</t:EmailAddress>');
  });

  it('GetItem MimeContent reads back the same UID, zone, times, RRULE, EXDATE and RECURRENCE-ID', () => {
    const ics = mimeOf(bodies.get('GetItem IncludeMimeContent series') ?? '');
    const cal = new ICAL.Component(ICAL.parse(ics) as never);
    expect(cal.getFirstPropertyValue('method')).toBe('PUBLISH');
    expect(cal.getFirstPropertyValue('prodid')).toBe('Microsoft Exchange Server 2010');
    expect(cal.getFirstSubcomponent('vtimezone')?.getFirstPropertyValue('tzid')).toBe('W. Europe Standard Time');
    const [master, moved, ...rest] = cal.getAllSubcomponents('vevent');
    expect(rest).toHaveLength(0);
    expect(master?.getFirstPropertyValue('uid')).toBe(UID);
    expect(moved?.getFirstPropertyValue('uid')).toBe(UID);
    // Lines as RFC 5545 writes them, compared as text: values from the iCalendar sent, not from the mock.
    expect(ics).toContain('DTSTART;TZID=W. Europe Standard Time:20300318T090000\r\n');
    expect(ics).toContain('DTEND;TZID=W. Europe Standard Time:20300318T093000\r\n');
    expect(ics).toMatch(/RRULE:FREQ=WEEKLY;COUNT=6;(INTERVAL=1;)?BYDAY=MO;WKST=SU\r\n/);
    expect(ics).toContain('EXDATE;TZID=W. Europe Standard Time:20300401T090000\r\n');
    expect(ics).toContain('RECURRENCE-ID;TZID=W. Europe Standard Time:20300408T090000\r\n');
    expect(ics).toContain('DTSTART;TZID=W. Europe Standard Time:20300408T110000\r\n');
    expect(moved?.getFirstPropertyValue('summary')).toBe('Berlin planning (moved)');
    expect(master?.getFirstPropertyValue('location')).toBe('Room Spree');
    expect(ics).toMatch(/ORGANIZER;CN=Alice Archer:mailto:alice@example.test\r\n/);
    expect(master?.getFirstPropertyValue('attendee')).toBe('mailto:bob@example.test');
    expect(ics).toContain('BEGIN:DAYLIGHT\r\nDTSTART:16010101T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\n');
  });

  it('CalendarView shows five instances: the deleted one gone, the moved one at 11:00 Berlin as an Exception', async () => {
    const body = await call('CalendarView series', calendarView('2030-03-01T00:00:00Z', '2030-05-01T00:00:00Z'));
    const rows = [
      ...body.matchAll(
        /<t:Subject>([^<]*)<\/t:Subject><t:Start>([^<]*)<\/t:Start><t:End>[^<]*<\/t:End>.*?<t:CalendarItemType>([^<]*)</g,
      ),
    ]
      .filter((m) => m[1]?.startsWith('Berlin planning'))
      .map((m) => [m[2], m[1], m[3]]);
    expect(rows).toEqual([
      ['2030-03-18T08:00:00Z', 'Berlin planning', 'Occurrence'],
      ['2030-03-25T08:00:00Z', 'Berlin planning', 'Occurrence'],
      ['2030-04-08T09:00:00Z', 'Berlin planning (moved)', 'Exception'],
      ['2030-04-15T07:00:00Z', 'Berlin planning', 'Occurrence'],
      ['2030-04-22T07:00:00Z', 'Berlin planning', 'Occurrence'],
    ]);
  });

  it('GetItem on the exception gives its own VEVENT with RECURRENCE-ID', async () => {
    const view = bodies.get('CalendarView series') ?? '';
    const exceptionId = one(view, /<t:ItemId Id="([^"]+)"[^>]*\/><t:Subject>Berlin planning \(moved\)/) ?? '';
    const body = await call('GetItem IncludeMimeContent exception', getWithMime(exceptionId));
    expect(one(body, /<t:CalendarItemType>([^<]*)</)).toBe('Exception');
    expect(one(body, /<t:OriginalStart>([^<]*)</)).toBe('2030-04-08T07:00:00Z');
    const ics = mimeOf(body);
    expect(ics).toContain('RECURRENCE-ID;TZID=W. Europe Standard Time:20300408T090000\r\n');
    expect(ics).toContain('SUMMARY:Berlin planning (moved)\r\n');
    expect(ics).not.toContain('RRULE:FREQ=WEEKLY');
  });

  it('UpdateItem SetItemField item:MimeContent replaces the item, keeping the id and taking the UID sent', async () => {
    const got = bodies.get('GetItem IncludeMimeContent series') ?? '';
    const changeKey =
      one(got, new RegExp(`<t:ItemId Id="${seriesId.replace(/[+/]/g, '\\$&')}" ChangeKey="([^"]+)"`)) ?? '';
    const single = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//Test//Round trip//EN',
      'BEGIN:VEVENT',
      `UID:${UID}`,
      'SUMMARY:One-off review',
      'DTSTART:20300506T120000Z',
      'DTEND:20300506T130000Z',
      'DTSTAMP:20300301T120000Z',
      'END:VEVENT',
      'END:VCALENDAR',
      '',
    ].join('\r\n');
    const body = await call('UpdateItem MimeContent', setMime(seriesId, changeKey, single));
    expect(body).toContain('>NoError</m:ResponseCode>');
    const after = await call('GetItem after update', getWithMime(seriesId));
    expect(one(after, /<t:UID>([^<]*)</)).toBe(UID);
    expect(one(after, /<t:Subject>([^<]*)</)).toBe('One-off review');
    expect(one(after, /<t:Start>([^<]*)</)).toBe('2030-05-06T12:00:00Z');
    expect(one(after, /<t:CalendarItemType>([^<]*)</)).toBe('Single');
    expect(after).not.toContain('<t:Location>');
    expect(after).not.toContain('<t:Recurrence>');
  });

  it.each([
    ['not base64', '@@not base64@@', 'ErrorMimeContentInvalidBase64String', /not base64/],
    ['not iCalendar', b64('hello, world'), 'ErrorMimeContentConversionFailed', /cannot be parsed|not a VCALENDAR/],
    [
      'a VTODO only',
      b64('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VTODO\r\nUID:t1\r\nSUMMARY:x\r\nEND:VTODO\r\nEND:VCALENDAR\r\n'),
      'ErrorMimeContentConversionFailed',
      /no VEVENT/,
    ],
    [
      'a monthly RRULE on two month days',
      b64(
        SERIES_ICS.replace(
          'RRULE:FREQ=WEEKLY;COUNT=6;INTERVAL=1;BYDAY=MO;WKST=SU',
          'RRULE:FREQ=MONTHLY;BYMONTHDAY=1,18',
        ),
      ),
      'ErrorUnsupportedRecurrence',
      /BYMONTHDAY=1,18/,
    ],
    [
      'a TZID without VTIMEZONE',
      b64(
        'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:z1\r\nDTSTART;TZID=Mars/Olympus:20300506T090000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n',
      ),
      'ErrorMimeContentConversionFailed',
      /TZID &quot;Mars\/Olympus&quot;/,
    ],
    [
      'a VEVENT without DTSTART',
      b64('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:z2\r\nSUMMARY:x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n'),
      'ErrorMimeContentConversionFailed',
      /no DTSTART/,
    ],
  ])(
    'bad MimeContent (%s) gets %s naming the problem, and the calendar is unchanged',
    async (name, mime, code, text) => {
      const before = mock.org.mailbox('alice@example.test')!.calendar.size;
      const body = await call(`CreateItem bad MimeContent: ${name}`, createFromMime(mime));
      expect(body).toContain('ResponseClass="Error"');
      expect(body).toContain(`>${code}</m:ResponseCode>`);
      expect(one(body, /<m:MessageText>([^<]*)</)).toMatch(text);
      expect(one(body, /<m:MessageText>([^<]*)</)).toMatch(/CreateItem\/Items\/CalendarItem\[1\]/);
      expect(mock.org.mailbox('alice@example.test')!.calendar.size).toBe(before);
    },
  );

  it.skipIf(!EWS_SCHEMA_DIR)('every response above validates against the EWS schema', async () => {
    const verdicts = await validateAgainstSchema([...bodies].map(([name, xml]) => ({ name, xml })));
    expect(verdicts.filter((v) => !v.valid).map((v) => `${v.name}: ${v.errors.join('; ')}`)).toEqual([]);
    expect(verdicts.length).toBeGreaterThanOrEqual(12);
  });
});
