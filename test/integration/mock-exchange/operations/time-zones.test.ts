import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MockExchange } from '../../../../mock-exchange/mock-exchange.ts';
import { postEws } from '../../../support/https-post.ts';
import { startMock } from '../../../support/mock-server.ts';
import { soapEnvelope } from '../../../support/soap-envelope.ts';
import { testOrgConfig } from '../../../support/test-org.ts';

const BERLIN = 'W. Europe Standard Time';
/** Sydney keeps UTC+10 from April to October (daylight saving ends the first Sunday in April). */
const SYDNEY = 'AUS Eastern Standard Time';

async function call(mock: MockExchange, operation: string, impersonate: string, timeZoneId?: string) {
  const res = await postEws(mock, soapEnvelope(operation, { impersonate, timeZoneId }));
  expect(res.status).toBe(200);
  expect(res.body).toContain('>NoError</m:ResponseCode>');
  return res.body;
}

const createItem = (props: string) =>
  `<m:CreateItem SendMeetingInvitations="SendToNone"><m:Items><t:CalendarItem>${props}</t:CalendarItem></m:Items></m:CreateItem>`;
const calendarView = (from: string, to: string) =>
  '<m:FindItem Traversal="Shallow"><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape><t:AdditionalProperties>' +
  '<t:FieldURI FieldURI="item:Subject"/><t:FieldURI FieldURI="calendar:Start"/><t:FieldURI FieldURI="calendar:End"/>' +
  `</t:AdditionalProperties></m:ItemShape><m:CalendarView StartDate="${from}" EndDate="${to}"/>` +
  '<m:ParentFolderIds><t:DistinguishedFolderId Id="calendar"/></m:ParentFolderIds></m:FindItem>';
const startsOf = (body: string, subject: string) =>
  [...body.matchAll(/<t:Subject>([^<]*)<\/t:Subject><t:Start>([^<]*)<\/t:Start><t:End>([^<]*)<\/t:End>/g)]
    .filter((m) => m[1] === subject)
    .map((m) => [m[2], m[3]]);

describe('time zones: series expand in their own zone, all-day events cover local days', () => {
  let mock: MockExchange;
  beforeEach(async () => {
    const config = testOrgConfig();
    const carol = config.mailboxes.find((m) => m.address === 'carol@example.test');
    if (carol) carol.timeZone = SYDNEY;
    mock = await startMock(config);
  });
  afterEach(async () => {
    await mock.stop();
  });

  it('a weekly 09:00 Europe/Berlin series reads 09:00 local every week across both daylight-saving changes', async () => {
    // Mondays from 18 March to 4 November 2030: Berlin moves to CEST on 31 March and back to CET on 27 October.
    await call(
      mock,
      createItem(
        '<t:Subject>Berlin weekly</t:Subject><t:Start>2030-03-18T09:00:00</t:Start><t:End>2030-03-18T09:30:00</t:End>' +
          '<t:Recurrence><t:WeeklyRecurrence><t:Interval>1</t:Interval><t:DaysOfWeek>Monday</t:DaysOfWeek></t:WeeklyRecurrence>' +
          '<t:NumberedRecurrence><t:StartDate>2030-03-18</t:StartDate><t:NumberOfOccurrences>34</t:NumberOfOccurrences></t:NumberedRecurrence></t:Recurrence>' +
          `<t:StartTimeZone Id="${BERLIN}"/><t:EndTimeZone Id="${BERLIN}"/>`,
      ),
      'alice@example.test',
    );
    const body = await call(mock, calendarView('2030-03-01T00:00:00Z', '2030-12-01T00:00:00Z'), 'alice@example.test');
    const got = startsOf(body, 'Berlin weekly');
    expect(got).toHaveLength(34);
    // Expected: 09:00 CET is 08:00Z (before 31 March and from 27 October), 09:00 CEST is 07:00Z in between.
    const expected: string[][] = [];
    for (let week = 0; week < 34; week++) {
      const day = new Date(Date.UTC(2030, 2, 18 + week * 7));
      const summer = day >= new Date(Date.UTC(2030, 2, 31)) && day < new Date(Date.UTC(2030, 9, 27));
      const hour = summer ? 7 : 8;
      const at = (min: number) => new Date(day.getTime() + hour * 3_600_000 + min * 60_000).toISOString().slice(0, 19);
      expected.push([`${at(0)}Z`, `${at(30)}Z`]);
    }
    expect(got).toEqual(expected);
    expect(got[1]).toEqual(['2030-03-25T08:00:00Z', '2030-03-25T08:30:00Z']);
    expect(got[2]).toEqual(['2030-04-01T07:00:00Z', '2030-04-01T07:30:00Z']);
    expect(got[32]).toEqual(['2030-10-28T08:00:00Z', '2030-10-28T08:30:00Z']);
  });

  it('TimeZoneContext decides how times without an offset are read, and the series keeps that zone', async () => {
    await call(
      mock,
      createItem(
        '<t:Subject>Context daily</t:Subject><t:Start>2030-10-26T09:00:00</t:Start><t:End>2030-10-26T10:00:00</t:End>' +
          '<t:Recurrence><t:DailyRecurrence><t:Interval>1</t:Interval></t:DailyRecurrence>' +
          '<t:NumberedRecurrence><t:StartDate>2030-10-26</t:StartDate><t:NumberOfOccurrences>2</t:NumberOfOccurrences></t:NumberedRecurrence></t:Recurrence>',
      ),
      'alice@example.test',
      BERLIN,
    );
    const body = await call(mock, calendarView('2030-10-25T00:00:00Z', '2030-10-29T00:00:00Z'), 'alice@example.test');
    expect(startsOf(body, 'Context daily')).toEqual([
      ['2030-10-26T07:00:00Z', '2030-10-26T08:00:00Z'],
      ['2030-10-27T08:00:00Z', '2030-10-27T09:00:00Z'],
    ]);
  });

  it('an all-day event in a UTC+10 mailbox covers that local day', async () => {
    await call(
      mock,
      createItem(
        '<t:Subject>Local holiday</t:Subject><t:Start>2030-05-07T00:00:00</t:Start><t:End>2030-05-08T00:00:00</t:End>' +
          '<t:IsAllDayEvent>true</t:IsAllDayEvent>',
      ),
      'carol@example.test',
    );
    const body = await call(mock, calendarView('2030-05-06T00:00:00Z', '2030-05-09T00:00:00Z'), 'carol@example.test');
    // 7 May 00:00 in Sydney (UTC+10) is 6 May 14:00Z; the local day ends at 7 May 14:00Z.
    expect(startsOf(body, 'Local holiday')).toEqual([['2030-05-06T14:00:00Z', '2030-05-07T14:00:00Z']]);
    const before = await call(mock, calendarView('2030-05-06T00:00:00Z', '2030-05-06T14:00:00Z'), 'carol@example.test');
    expect(startsOf(before, 'Local holiday')).toEqual([]);
  });

  it('a StartTimeZone the server does not know is ErrorTimeZone', async () => {
    const res = await postEws(
      mock,
      soapEnvelope(
        createItem(
          '<t:Subject>x</t:Subject><t:Start>2030-05-07T09:00:00</t:Start><t:End>2030-05-07T10:00:00</t:End>' +
            '<t:StartTimeZone Id="Mars Standard Time"/>',
        ),
        { impersonate: 'alice@example.test' },
      ),
    );
    expect(res.body).toContain('>ErrorTimeZone</m:ResponseCode>');
    expect(res.body).toContain('Mars Standard Time');
  });
});
