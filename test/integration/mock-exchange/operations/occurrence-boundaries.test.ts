import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockExchange } from '../../../../mock-exchange/mock-exchange.ts';
import { schemaTestsEnabled, validateAgainstSchema } from '../../../support/ews-schema.ts';
import { postEws } from '../../../support/https-post.ts';
import { startMock } from '../../../support/mock-server.ts';
import { soapEnvelope } from '../../../support/soap-envelope.ts';
import { testOrgConfig } from '../../../support/test-org.ts';

const bodies: { name: string; xml: string }[] = [];

async function call(mock: MockExchange, operation: string, keep?: string): Promise<string> {
  const res = await postEws(mock, soapEnvelope(operation, { impersonate: 'bob@example.test' }));
  expect(res.status).toBe(200);
  if (keep) bodies.push({ name: keep, xml: res.body });
  return res.body;
}
const code = (body: string) => /<m:ResponseCode>([^<]+)</.exec(body)?.[1];
const idOf = (body: string) => /<t:ItemId Id="([^"]+)"/.exec(body)?.[1] ?? '';

/** A daily series of five, 09:00-10:00 wall clock in `zone`, from Monday 6 May 2030. */
const dailySeries = (zone: string) =>
  '<m:CreateItem SendMeetingInvitations="SendToNone"><m:Items><t:CalendarItem><t:Subject>Daily</t:Subject>' +
  '<t:Start>2030-05-06T09:00:00</t:Start><t:End>2030-05-06T10:00:00</t:End><t:Recurrence><t:DailyRecurrence>' +
  '<t:Interval>1</t:Interval></t:DailyRecurrence><t:NumberedRecurrence><t:StartDate>2030-05-06</t:StartDate>' +
  `<t:NumberOfOccurrences>5</t:NumberOfOccurrences></t:NumberedRecurrence></t:Recurrence><t:StartTimeZone Id="${zone}"/>` +
  '</t:CalendarItem></m:Items></m:CreateItem>';
/** Move occurrence `index` (1-based) of a series to new Start (and End). */
const move = (series: string, index: number, start: string, end?: string) =>
  '<m:UpdateItem ConflictResolution="AlwaysOverwrite" SendMeetingInvitationsOrCancellations="SendToNone"><m:ItemChanges>' +
  `<t:ItemChange><t:OccurrenceItemId RecurringMasterId="${series}" InstanceIndex="${index}"/><t:Updates>` +
  `<t:SetItemField><t:FieldURI FieldURI="calendar:Start"/><t:CalendarItem><t:Start>${start}</t:Start></t:CalendarItem></t:SetItemField>` +
  (end
    ? `<t:SetItemField><t:FieldURI FieldURI="calendar:End"/><t:CalendarItem><t:End>${end}</t:End></t:CalendarItem></t:SetItemField>`
    : '') +
  '</t:Updates></t:ItemChange></m:ItemChanges></m:UpdateItem>';

describe('UpdateItem keeps a moved occurrence between its neighbours, as Outlook and Exchange do', () => {
  let mock: MockExchange;
  beforeAll(async () => {
    mock = await startMock(testOrgConfig());
  });
  afterAll(async () => {
    await mock?.stop();
  });

  it('to or before the previous occurrence’s day, or to or after the next one’s: ErrorOccurrenceCrossingBoundary', async () => {
    const series = idOf(await call(mock, dailySeries('UTC')));
    const before = await call(mock, move(series, 3, '2030-05-07T15:00:00Z'), 'UpdateItem crossing previous');
    expect(code(before)).toBe('ErrorOccurrenceCrossingBoundary');
    expect(code(await call(mock, move(series, 3, '2030-05-09T08:00:00Z')))).toBe('ErrorOccurrenceCrossingBoundary');
    expect(code(await call(mock, move(series, 3, '2030-05-06T08:00:00Z')))).toBe('ErrorOccurrenceCrossingBoundary');
    // Later on its own day is fine, and the first occurrence has no previous one to bound it.
    expect(code(await call(mock, move(series, 3, '2030-05-08T20:00:00Z'), 'UpdateItem within its day'))).toBe(
      'NoError',
    );
    expect(code(await call(mock, move(series, 1, '2030-05-01T09:00:00Z')))).toBe('NoError');
  });

  it('still overlapping a neighbour inside its days: ErrorOccurrenceTimeSpanTooBig', async () => {
    const series = idOf(await call(mock, dailySeries('UTC')));
    const long = await call(
      mock,
      move(series, 3, '2030-05-08T08:00:00Z', '2030-05-09T09:30:00Z'),
      'UpdateItem overlap',
    );
    expect(code(long)).toBe('ErrorOccurrenceTimeSpanTooBig');
  });

  it('a deleted neighbour still bounds the day', async () => {
    const series = idOf(await call(mock, dailySeries('UTC')));
    const deleted = await call(
      mock,
      `<m:DeleteItem DeleteType="HardDelete" SendMeetingCancellations="SendToNone"><m:ItemIds><t:OccurrenceItemId RecurringMasterId="${series}" InstanceIndex="4"/></m:ItemIds></m:DeleteItem>`,
    );
    expect(code(deleted)).toBe('NoError');
    expect(code(await call(mock, move(series, 3, '2030-05-09T12:00:00Z')))).toBe('ErrorOccurrenceCrossingBoundary');
  });

  it('days are the series’ own: a Berlin series moves to 01:30 Berlin on its day, not past midnight Berlin', async () => {
    const series = idOf(await call(mock, dailySeries('W. Europe Standard Time')));
    // 6 May 23:30 UTC is 7 May 01:30 in Berlin (UTC+2): the second occurrence's own day.
    expect(code(await call(mock, move(series, 2, '2030-05-06T23:30:00Z')))).toBe('NoError');
    // 7 May 22:30 UTC is 8 May 00:30 in Berlin: the third occurrence's day.
    expect(code(await call(mock, move(series, 2, '2030-05-07T22:30:00Z')))).toBe('ErrorOccurrenceCrossingBoundary');
  });

  it.skipIf(!schemaTestsEnabled('occurrence boundaries schema'))(
    'those responses validate against the EWS schema',
    async () => {
      expect(bodies.map((b) => b.name)).toEqual([
        'UpdateItem crossing previous',
        'UpdateItem within its day',
        'UpdateItem overlap',
      ]);
      const verdicts = await validateAgainstSchema(bodies);
      expect(verdicts.map((v) => [v.name, v.errors])).toEqual(bodies.map((b) => [b.name, []]));
    },
  );
});
