import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockExchange } from '../../../../mock-exchange/mock-exchange.ts';
import { schemaTestsEnabled, validateAgainstSchema } from '../../../support/ews-schema.ts';
import { postEws } from '../../../support/https-post.ts';
import { startMock } from '../../../support/mock-server.ts';
import { soapEnvelope } from '../../../support/soap-envelope.ts';
import { testOrgConfig } from '../../../support/test-org.ts';

const BERLIN = 'W. Europe Standard Time';
const SYDNEY = 'AUS Eastern Standard Time';

async function call(mock: MockExchange, operation: string, impersonate: string): Promise<string> {
  const res = await postEws(mock, soapEnvelope(operation, { impersonate }));
  expect(res.status).toBe(200);
  expect(res.body).toContain('>NoError</m:ResponseCode>');
  return res.body;
}

const getItem = (id: string, shape: string) =>
  `<m:GetItem><m:ItemShape>${shape}</m:ItemShape><m:ItemIds><t:ItemId Id="${id}"/></m:ItemIds></m:GetItem>`;
const findItem = (shape: string) =>
  `<m:FindItem Traversal="Shallow"><m:ItemShape>${shape}</m:ItemShape>` +
  '<m:CalendarView StartDate="2030-05-01T00:00:00Z" EndDate="2030-05-31T00:00:00Z"/>' +
  '<m:ParentFolderIds><t:DistinguishedFolderId Id="calendar"/></m:ParentFolderIds></m:FindItem>';
const named = (...uris: string[]) =>
  `<t:BaseShape>IdOnly</t:BaseShape><t:AdditionalProperties>${uris.map((u) => `<t:FieldURI FieldURI="${u}"/>`).join('')}</t:AdditionalProperties>`;
const order = (body: string, names: string[]) => names.map((n) => body.indexOf(`<t:${n}`));

describe('calendar items answer their time zones: TimeZone, MeetingTimeZone, StartTimeZone, EndTimeZone', () => {
  let mock: MockExchange;
  let berlinSeries: string;
  let sydneyItem: string;
  const bodies: { name: string; xml: string }[] = [];
  beforeAll(async () => {
    const config = testOrgConfig();
    const carol = config.mailboxes.find((m) => m.address === 'carol@example.test');
    if (carol) carol.timeZone = SYDNEY;
    mock = await startMock(config);
    const created = await call(
      mock,
      '<m:CreateItem SendMeetingInvitations="SendToNone"><m:Items><t:CalendarItem>' +
        '<t:Subject>Berlin weekly</t:Subject><t:Start>2030-05-06T00:30:00</t:Start><t:End>2030-05-06T01:00:00</t:End>' +
        '<t:Recurrence><t:WeeklyRecurrence><t:Interval>1</t:Interval><t:DaysOfWeek>Monday</t:DaysOfWeek></t:WeeklyRecurrence>' +
        '<t:NumberedRecurrence><t:StartDate>2030-05-06</t:StartDate><t:NumberOfOccurrences>4</t:NumberOfOccurrences></t:NumberedRecurrence></t:Recurrence>' +
        `<t:StartTimeZone Id="${BERLIN}"/><t:EndTimeZone Id="${BERLIN}"/>` +
        '</t:CalendarItem></m:Items></m:CreateItem>',
      'alice@example.test',
    );
    berlinSeries = /<t:ItemId Id="([^"]+)"/.exec(created)?.[1] ?? '';
    const sydney = await call(
      mock,
      '<m:CreateItem SendMeetingInvitations="SendToNone"><m:Items><t:CalendarItem>' +
        '<t:Subject>Sydney call</t:Subject><t:Start>2030-05-07T09:00:00</t:Start><t:End>2030-05-07T10:00:00</t:End>' +
        '</t:CalendarItem></m:Items></m:CreateItem>',
      'carol@example.test',
    );
    sydneyItem = /<t:ItemId Id="([^"]+)"/.exec(sydney)?.[1] ?? '';
  });
  afterAll(async () => {
    await mock?.stop();
  });

  it('GetItem AllProperties writes them in schema order, with the series dates as Berlin days', async () => {
    const body = await call(
      mock,
      getItem(berlinSeries, '<t:BaseShape>AllProperties</t:BaseShape>'),
      'alice@example.test',
    );
    bodies.push({ name: 'GetItem AllProperties', xml: body });
    expect(body).toContain('<t:TimeZone>(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna</t:TimeZone>');
    // Registry facts of W. Europe Standard Time: bias -60; CEST from the last Sunday of March 02:00, CET from
    // the last Sunday of October 03:00.
    expect(body).toContain(
      `<t:MeetingTimeZone TimeZoneName="${BERLIN}"><t:BaseOffset>-PT1H</t:BaseOffset>` +
        `<t:Standard TimeZoneName="${BERLIN}"><t:Offset>PT0H</t:Offset><t:RelativeYearlyRecurrence>` +
        '<t:DaysOfWeek>Sunday</t:DaysOfWeek><t:DayOfWeekIndex>Last</t:DayOfWeekIndex><t:Month>October</t:Month>' +
        '</t:RelativeYearlyRecurrence><t:Time>03:00:00</t:Time></t:Standard>' +
        `<t:Daylight TimeZoneName="${BERLIN}"><t:Offset>-PT1H</t:Offset><t:RelativeYearlyRecurrence>` +
        '<t:DaysOfWeek>Sunday</t:DaysOfWeek><t:DayOfWeekIndex>Last</t:DayOfWeekIndex><t:Month>March</t:Month>' +
        '</t:RelativeYearlyRecurrence><t:Time>02:00:00</t:Time></t:Daylight></t:MeetingTimeZone>',
    );
    expect(body).toMatch(new RegExp(`<t:StartTimeZone Id="${BERLIN}" Name="[^"]+"><t:Periods>`));
    expect(body).toMatch(new RegExp(`<t:EndTimeZone Id="${BERLIN}" Name="[^"]+"><t:Periods>`));
    const at = order(body, ['Duration', 'TimeZone>', 'Recurrence', 'MeetingTimeZone', 'StartTimeZone', 'EndTimeZone']);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(at.every((i) => i > 0)).toBe(true);
    // 00:30 Berlin (CEST) on Monday 6 May is 22:30Z on Sunday 5 May: the series' date is the Berlin day.
    expect(body).toContain('<t:StartDate>2030-05-06+02:00</t:StartDate>');
    expect(body).toContain('<t:Start>2030-05-05T22:30:00Z</t:Start>');
  });

  it("an item without zones of its own answers the mailbox owner's zone", async () => {
    const body = await call(
      mock,
      getItem(sydneyItem, named('calendar:TimeZone', 'calendar:StartTimeZone')),
      'carol@example.test',
    );
    bodies.push({ name: 'GetItem named zones', xml: body });
    expect(body).toContain('<t:TimeZone>(UTC+10:00) Canberra, Melbourne, Sydney</t:TimeZone>');
    expect(body).toContain(`<t:StartTimeZone Id="${SYDNEY}"`);
    expect(body).not.toContain('<t:EndTimeZone');
  });

  it('FindItem leaves the definitions out of its base shapes and writes them when named', async () => {
    const plain = await call(mock, findItem('<t:BaseShape>AllProperties</t:BaseShape>'), 'alice@example.test');
    expect(plain).not.toContain('<t:StartTimeZone');
    expect(plain).not.toContain('<t:MeetingTimeZone');
    const asked = await call(
      mock,
      findItem(named('item:Subject', 'calendar:StartTimeZone', 'calendar:EndTimeZone')),
      'alice@example.test',
    );
    bodies.push({ name: 'FindItem named zones', xml: asked });
    // Four Mondays of the Berlin series, each naming its zone; the seeded items are in UTC.
    expect(asked.match(new RegExp(`<t:StartTimeZone Id="${BERLIN}"`, 'g'))).toHaveLength(4);
    expect(asked).toContain('<t:StartTimeZone Id="UTC" Name="(UTC) Coordinated Universal Time">');
  });

  it.skipIf(!schemaTestsEnabled('time zone fields schema'))(
    'those responses validate against the EWS schema',
    async () => {
      expect(bodies).toHaveLength(3);
      const verdicts = await validateAgainstSchema(bodies);
      expect(verdicts.map((v) => [v.name, v.errors])).toEqual(bodies.map((b) => [b.name, []]));
    },
  );
});
