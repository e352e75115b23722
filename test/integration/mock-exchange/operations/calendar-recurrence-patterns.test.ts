import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockExchange } from '../../../../mock-exchange/mock-exchange.ts';
import { schemaTestsEnabled, validateAgainstSchema } from '../../../support/ews-schema.ts';
import { postEws } from '../../../support/https-post.ts';
import { startMock } from '../../../support/mock-server.ts';
import { soapEnvelope } from '../../../support/soap-envelope.ts';
import { testOrgConfig } from '../../../support/test-org.ts';

/**
 * Monthly and yearly recurrences through raw SOAP. Every expected date below was read off a printed 2030-2032
 * calendar (e.g. the last Fridays of 2030: 25 Jan, 22 Feb, 29 Mar, 26 Apr, 31 May, 28 Jun, 26 Jul, 30 Aug,
 * 27 Sep, 25 Oct, 29 Nov, 27 Dec); Berlin is UTC+1, and UTC+2 from 31 March to 27 October 2030.
 */
const BERLIN = 'W. Europe Standard Time';
const ME = 'bob@example.test';
const bodies: { name: string; xml: string }[] = [];

async function call(mock: MockExchange, operation: string, keep?: string): Promise<string> {
  const res = await postEws(mock, soapEnvelope(operation, { impersonate: ME }));
  expect(res.status).toBe(200);
  if (keep) bodies.push({ name: keep, xml: res.body });
  return res.body;
}

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const idOf = (body: string) => /<t:ItemId Id="([^"]+)"/.exec(body)?.[1] ?? '';
const createItem = (props: string) =>
  '<m:CreateItem SendMeetingInvitations="SendToNone"><m:Items><t:CalendarItem>' +
  `${props}</t:CalendarItem></m:Items></m:CreateItem>`;
const series = (subject: string, start: string, end: string, recurrence: string, zone?: string) =>
  createItem(
    `<t:Subject>${subject}</t:Subject><t:Start>${start}</t:Start><t:End>${end}</t:End>` +
      `<t:Recurrence>${recurrence}</t:Recurrence>` +
      (zone ? `<t:StartTimeZone Id="${zone}"/><t:EndTimeZone Id="${zone}"/>` : ''),
  );
const getItem = (id: string, mime = false) =>
  `<m:GetItem><m:ItemShape><t:BaseShape>AllProperties</t:BaseShape><t:IncludeMimeContent>${mime}</t:IncludeMimeContent>` +
  `</m:ItemShape><m:ItemIds><t:ItemId Id="${id}"/></m:ItemIds></m:GetItem>`;
const calendarView = (from: string, to: string) =>
  '<m:FindItem Traversal="Shallow"><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape><t:AdditionalProperties>' +
  '<t:FieldURI FieldURI="item:Subject"/><t:FieldURI FieldURI="calendar:Start"/>' +
  '<t:FieldURI FieldURI="calendar:CalendarItemType"/></t:AdditionalProperties></m:ItemShape>' +
  `<m:CalendarView StartDate="${from}" EndDate="${to}"/>` +
  '<m:ParentFolderIds><t:DistinguishedFolderId Id="calendar"/></m:ParentFolderIds></m:FindItem>';

/** Start times of the view's entries with this subject, in order. */
function startsOf(body: string, subject: string): string[] {
  return [...body.matchAll(/<t:CalendarItem>(.*?)<\/t:CalendarItem>/g)]
    .map((m) => m[1]!)
    .filter((item) => item.includes(`<t:Subject>${subject}</t:Subject>`))
    .map((item) => /<t:Start>([^<]+)<\/t:Start>/.exec(item)?.[1] ?? '');
}

const vcalendar = (uid: string, rrule: string, start = '20300101T100000Z', end = '20300101T103000Z') =>
  [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Test//Patterns//EN',
    'BEGIN:VEVENT',
    `UID:${uid}`,
    `SUMMARY:${uid}`,
    `DTSTART:${start}`,
    `DTEND:${end}`,
    `RRULE:${rrule}`,
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');
const fromMime = (ics: string) => createItem(`<t:MimeContent CharacterSet="UTF-8">${b64(ics)}</t:MimeContent>`);

describe('monthly and yearly recurrences: created, expanded in their zone, written back', () => {
  let mock: MockExchange;
  beforeAll(async () => {
    mock = await startMock(testOrgConfig());
  });
  afterAll(async () => {
    await mock?.stop();
  });

  it('RelativeMonthly "last Friday" at 09:00 Berlin lists the twelve last Fridays of 2030 at 09:00 local', async () => {
    const created = await call(
      mock,
      series(
        'Last Friday',
        '2030-01-01T09:00:00',
        '2030-01-01T10:00:00',
        '<t:RelativeMonthlyRecurrence><t:Interval>1</t:Interval><t:DaysOfWeek>Friday</t:DaysOfWeek>' +
          '<t:DayOfWeekIndex>Last</t:DayOfWeekIndex></t:RelativeMonthlyRecurrence>' +
          '<t:NoEndRecurrence><t:StartDate>2030-01-01</t:StartDate></t:NoEndRecurrence>',
        BERLIN,
      ),
    );
    expect(created).toContain('>NoError</m:ResponseCode>');
    const view = await call(mock, calendarView('2030-01-01T00:00:00Z', '2031-01-01T00:00:00Z'), 'CalendarView 2030');
    expect(startsOf(view, 'Last Friday')).toEqual([
      '2030-01-25T08:00:00Z',
      '2030-02-22T08:00:00Z',
      '2030-03-29T08:00:00Z',
      '2030-04-26T07:00:00Z',
      '2030-05-31T07:00:00Z',
      '2030-06-28T07:00:00Z',
      '2030-07-26T07:00:00Z',
      '2030-08-30T07:00:00Z',
      '2030-09-27T07:00:00Z',
      '2030-10-25T07:00:00Z',
      '2030-11-29T08:00:00Z',
      '2030-12-27T08:00:00Z',
    ]);
    const master = await call(mock, getItem(idOf(created), true), 'GetItem relative monthly');
    expect(master).toContain(
      '<t:Recurrence><t:RelativeMonthlyRecurrence><t:Interval>1</t:Interval><t:DaysOfWeek>Friday</t:DaysOfWeek>' +
        '<t:DayOfWeekIndex>Last</t:DayOfWeekIndex></t:RelativeMonthlyRecurrence>' +
        '<t:NoEndRecurrence><t:StartDate>2030-01-25+01:00</t:StartDate></t:NoEndRecurrence></t:Recurrence>',
    );
    const ics = Buffer.from(/<t:MimeContent[^>]*>([^<]+)</.exec(master)?.[1] ?? '', 'base64').toString('utf8');
    expect(ics).toContain('RRULE:FREQ=MONTHLY;BYDAY=-1FR\r\n');
    expect(ics).toContain('DTSTART;TZID=W. Europe Standard Time:20300125T090000\r\n');
  });

  it('AbsoluteMonthly on the 31st falls on the last day of shorter months; Interval and NumberOfOccurrences apply', async () => {
    const monthly = (interval: number, subject: string) =>
      series(
        subject,
        '2030-01-31T12:00:00Z',
        '2030-01-31T12:30:00Z',
        `<t:AbsoluteMonthlyRecurrence><t:Interval>${interval}</t:Interval><t:DayOfMonth>31</t:DayOfMonth>` +
          '</t:AbsoluteMonthlyRecurrence><t:NumberedRecurrence><t:StartDate>2030-01-01Z</t:StartDate>' +
          '<t:NumberOfOccurrences>4</t:NumberOfOccurrences></t:NumberedRecurrence>',
      );
    await call(mock, monthly(1, 'Month end'));
    const everyOther = await call(mock, monthly(3, 'Quarter end'));
    const view = await call(mock, calendarView('2030-01-01T00:00:00Z', '2031-01-01T00:00:00Z'));
    expect(startsOf(view, 'Month end')).toEqual([
      '2030-01-31T12:00:00Z',
      '2030-02-28T12:00:00Z',
      '2030-03-31T12:00:00Z',
      '2030-04-30T12:00:00Z',
    ]);
    expect(startsOf(view, 'Quarter end')).toEqual([
      '2030-01-31T12:00:00Z',
      '2030-04-30T12:00:00Z',
      '2030-07-31T12:00:00Z',
      '2030-10-31T12:00:00Z',
    ]);
    const master = await call(mock, getItem(idOf(everyOther)), 'GetItem absolute monthly');
    expect(master).toContain(
      '<t:AbsoluteMonthlyRecurrence><t:Interval>3</t:Interval><t:DayOfMonth>31</t:DayOfMonth></t:AbsoluteMonthlyRecurrence>' +
        '<t:NumberedRecurrence><t:StartDate>2030-01-31Z</t:StartDate><t:NumberOfOccurrences>4</t:NumberOfOccurrences>',
    );
    expect(master).toMatch(/<t:LastOccurrence>.*?<t:Start>2030-10-31T12:00:00Z<\/t:Start>/);
  });

  it('AbsoluteYearly on 29 February ends by EndDate and falls on 28 February outside leap years', async () => {
    const created = await call(
      mock,
      series(
        'Leap day',
        '2030-01-01T08:00:00Z',
        '2030-01-01T09:00:00Z',
        '<t:AbsoluteYearlyRecurrence><t:DayOfMonth>29</t:DayOfMonth><t:Month>February</t:Month></t:AbsoluteYearlyRecurrence>' +
          '<t:EndDateRecurrence><t:StartDate>2030-01-01Z</t:StartDate><t:EndDate>2032-12-31Z</t:EndDate></t:EndDateRecurrence>',
      ),
    );
    const master = await call(mock, getItem(idOf(created)), 'GetItem absolute yearly');
    expect(master).toContain(
      '<t:AbsoluteYearlyRecurrence><t:DayOfMonth>29</t:DayOfMonth><t:Month>February</t:Month></t:AbsoluteYearlyRecurrence>' +
        '<t:EndDateRecurrence><t:StartDate>2030-02-28Z</t:StartDate><t:EndDate>2032-12-31Z</t:EndDate>',
    );
    expect(master).toMatch(/<t:FirstOccurrence>.*?<t:Start>2030-02-28T08:00:00Z<\/t:Start>/);
    expect(master).toMatch(/<t:LastOccurrence>.*?<t:Start>2032-02-29T08:00:00Z<\/t:Start>/);
    const view = await call(mock, calendarView('2030-06-01T00:00:00Z', '2032-06-01T00:00:00Z'));
    expect(startsOf(view, 'Leap day')).toEqual(['2031-02-28T08:00:00Z', '2032-02-29T08:00:00Z']);
  });

  it('RelativeYearly on the first Weekday of September and the second Day of June', async () => {
    const weekday = await call(
      mock,
      series(
        'Back to school',
        '2030-01-01T07:00:00Z',
        '2030-01-01T08:00:00Z',
        '<t:RelativeYearlyRecurrence><t:DaysOfWeek>Weekday</t:DaysOfWeek><t:DayOfWeekIndex>First</t:DayOfWeekIndex>' +
          '<t:Month>September</t:Month></t:RelativeYearlyRecurrence>' +
          '<t:NumberedRecurrence><t:StartDate>2030-01-01Z</t:StartDate><t:NumberOfOccurrences>3</t:NumberOfOccurrences></t:NumberedRecurrence>',
      ),
    );
    await call(
      mock,
      series(
        'Second of June',
        '2030-01-01T07:00:00Z',
        '2030-01-01T08:00:00Z',
        '<t:RelativeYearlyRecurrence><t:DaysOfWeek>Day</t:DaysOfWeek><t:DayOfWeekIndex>Second</t:DayOfWeekIndex>' +
          '<t:Month>June</t:Month></t:RelativeYearlyRecurrence>' +
          '<t:NoEndRecurrence><t:StartDate>2030-01-01Z</t:StartDate></t:NoEndRecurrence>',
      ),
    );
    await call(
      mock,
      series(
        'Last weekend day',
        '2030-01-01T07:00:00Z',
        '2030-01-01T08:00:00Z',
        '<t:RelativeMonthlyRecurrence><t:Interval>1</t:Interval><t:DaysOfWeek>WeekendDay</t:DaysOfWeek>' +
          '<t:DayOfWeekIndex>Last</t:DayOfWeekIndex></t:RelativeMonthlyRecurrence>' +
          '<t:NumberedRecurrence><t:StartDate>2030-01-01Z</t:StartDate><t:NumberOfOccurrences>3</t:NumberOfOccurrences></t:NumberedRecurrence>',
      ),
    );
    const view = await call(mock, calendarView('2030-01-01T00:00:00Z', '2031-12-31T00:00:00Z'));
    // 2 September 2030 is a Monday; 1 September 2031 a Monday.
    expect(startsOf(view, 'Back to school')).toEqual(['2030-09-02T07:00:00Z', '2031-09-01T07:00:00Z']);
    expect(startsOf(view, 'Second of June')).toEqual(['2030-06-02T07:00:00Z', '2031-06-02T07:00:00Z']);
    // 26 January 2030 is a Saturday, 24 February a Sunday, 31 March a Sunday.
    expect(startsOf(view, 'Last weekend day')).toEqual([
      '2030-01-27T07:00:00Z',
      '2030-02-24T07:00:00Z',
      '2030-03-31T07:00:00Z',
    ]);
    const master = await call(mock, getItem(idOf(weekday)), 'GetItem relative yearly');
    expect(master).toContain(
      '<t:RelativeYearlyRecurrence><t:DaysOfWeek>Weekday</t:DaysOfWeek><t:DayOfWeekIndex>First</t:DayOfWeekIndex>' +
        '<t:Month>September</t:Month></t:RelativeYearlyRecurrence>',
    );
    expect(master).toMatch(/<t:LastOccurrence>.*?<t:Start>2032-09-01T07:00:00Z<\/t:Start>/);
  });

  it('MimeContent RRULEs with BYSETPOS, an ordinal BYDAY, BYMONTH and BYMONTHDAY become those patterns', async () => {
    const cases: [string, string, string, string[]][] = [
      [
        'last-weekday',
        'FREQ=MONTHLY;COUNT=3;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1',
        '<t:RelativeMonthlyRecurrence><t:Interval>1</t:Interval><t:DaysOfWeek>Weekday</t:DaysOfWeek><t:DayOfWeekIndex>Last</t:DayOfWeekIndex>',
        ['2030-01-31T10:00:00Z', '2030-02-28T10:00:00Z', '2030-03-29T10:00:00Z'],
      ],
      [
        'thanksgiving',
        'FREQ=YEARLY;COUNT=2;BYMONTH=11;BYDAY=4TH',
        '<t:RelativeYearlyRecurrence><t:DaysOfWeek>Thursday</t:DaysOfWeek><t:DayOfWeekIndex>Fourth</t:DayOfWeekIndex><t:Month>November</t:Month>',
        ['2030-11-28T10:00:00Z', '2031-11-27T10:00:00Z'],
      ],
      [
        'fifteenth',
        'FREQ=MONTHLY;INTERVAL=2;UNTIL=20300601T000000Z;BYMONTHDAY=15',
        '<t:AbsoluteMonthlyRecurrence><t:Interval>2</t:Interval><t:DayOfMonth>15</t:DayOfMonth>',
        ['2030-01-15T10:00:00Z', '2030-03-15T10:00:00Z', '2030-05-15T10:00:00Z'],
      ],
      [
        'midsummer',
        'FREQ=YEARLY;COUNT=2;BYMONTH=6;BYMONTHDAY=24',
        '<t:AbsoluteYearlyRecurrence><t:DayOfMonth>24</t:DayOfMonth><t:Month>June</t:Month>',
        ['2030-06-24T10:00:00Z', '2031-06-24T10:00:00Z'],
      ],
    ];
    for (const [uid, rule, pattern, starts] of cases) {
      const created = await call(mock, fromMime(vcalendar(uid, rule)), `CreateItem MimeContent ${uid}`);
      expect(created, uid).toContain('>NoError</m:ResponseCode>');
      const master = await call(mock, getItem(idOf(created), true));
      expect(master, uid).toContain(pattern);
      const ics = Buffer.from(/<t:MimeContent[^>]*>([^<]+)</.exec(master)?.[1] ?? '', 'base64').toString('utf8');
      // Written back as the RRULE it came from (ical.js writes UNTIL, COUNT, INTERVAL first).
      for (const part of rule.split(';')) expect(ics, uid).toMatch(new RegExp(`RRULE:[^\\r]*\\b${part}\\b`));
      const view = await call(mock, calendarView('2030-01-01T00:00:00Z', '2031-12-31T00:00:00Z'));
      expect(startsOf(view, uid), uid).toEqual(starts);
    }
  });

  it('RRULEs Exchange cannot hold are ErrorUnsupportedRecurrence naming the problem; bad patterns are refused', async () => {
    const refused = [
      ['FREQ=MONTHLY;BYMONTHDAY=1,15', /BYMONTHDAY must hold one value/],
      ['FREQ=YEARLY;INTERVAL=2', /repeats every year/],
      ['FREQ=MONTHLY;BYDAY=5FR', /position 5/],
      ['FREQ=MONTHLY;BYDAY=MO,WE;BYSETPOS=1', /one day, all days, weekdays or weekend days/],
      ['FREQ=HOURLY', /FREQ=HOURLY/],
    ] as const;
    for (const [rule, why] of refused) {
      const body = await call(mock, fromMime(vcalendar(`bad-${rule}`, rule)));
      expect(body, rule).toContain('>ErrorUnsupportedRecurrence</m:ResponseCode>');
      expect(body, rule).toMatch(why);
    }
    const bad = (pattern: string) =>
      series(
        'Bad',
        '2030-01-01T08:00:00Z',
        '2030-01-01T09:00:00Z',
        `${pattern}<t:NoEndRecurrence><t:StartDate>2030-01-01Z</t:StartDate></t:NoEndRecurrence>`,
      );
    const day32 = await call(
      mock,
      bad(
        '<t:AbsoluteMonthlyRecurrence><t:Interval>1</t:Interval><t:DayOfMonth>32</t:DayOfMonth></t:AbsoluteMonthlyRecurrence>',
      ),
      'CreateItem DayOfMonth 32',
    );
    expect(day32).toContain('>ErrorCalendarInvalidRecurrence</m:ResponseCode>');
    expect(day32).toContain('DayOfMonth must be 1 to 31, not 32');
  });

  it.skipIf(!schemaTestsEnabled('monthly and yearly recurrence schema'))(
    'those responses validate against the EWS schema',
    async () => {
      expect(bodies.length).toBeGreaterThanOrEqual(9);
      const verdicts = await validateAgainstSchema(bodies);
      expect(verdicts.map((v) => [v.name, v.errors])).toEqual(bodies.map((b) => [b.name, []]));
    },
  );
});
