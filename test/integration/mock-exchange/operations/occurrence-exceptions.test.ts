import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockExchange } from '../../../../mock-exchange/mock-exchange.ts';
import { schemaTestsEnabled, validateAgainstSchema } from '../../../support/ews-schema.ts';
import { postEws } from '../../../support/https-post.ts';
import { startMock } from '../../../support/mock-server.ts';
import { soapEnvelope } from '../../../support/soap-envelope.ts';
import { testOrgConfig } from '../../../support/test-org.ts';

/** A weekly series, Mondays 09:00-09:30 UTC from 6 May 2030, four times; its second Monday is 13 May. */
const ME = 'bob@example.test';
const bodies: { name: string; xml: string }[] = [];

async function call(mock: MockExchange, operation: string, keep?: string): Promise<string> {
  const res = await postEws(mock, soapEnvelope(operation, { impersonate: ME }));
  expect(res.status).toBe(200);
  if (keep) bodies.push({ name: keep, xml: res.body });
  return res.body;
}

const idOf = (body: string) => /<t:ItemId Id="([^"]+)"/.exec(body)?.[1] ?? '';
const getItem = (idXml: string) =>
  `<m:GetItem><m:ItemShape><t:BaseShape>AllProperties</t:BaseShape></m:ItemShape><m:ItemIds>${idXml}</m:ItemIds></m:GetItem>`;
const update = (idXml: string, ...sets: [string, string][]) =>
  '<m:UpdateItem ConflictResolution="AlwaysOverwrite" SendMeetingInvitationsOrCancellations="SendToNone">' +
  `<m:ItemChanges><t:ItemChange>${idXml}<t:Updates>` +
  sets
    .map(
      ([uri, prop]) =>
        `<t:SetItemField><t:FieldURI FieldURI="${uri}"/><t:CalendarItem>${prop}</t:CalendarItem></t:SetItemField>`,
    )
    .join('') +
  '</t:Updates></t:ItemChange></m:ItemChanges></m:UpdateItem>';
const calendarView =
  '<m:FindItem Traversal="Shallow"><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape><t:AdditionalProperties>' +
  '<t:FieldURI FieldURI="item:Subject"/><t:FieldURI FieldURI="calendar:Start"/><t:FieldURI FieldURI="calendar:End"/>' +
  '<t:FieldURI FieldURI="calendar:Location"/><t:FieldURI FieldURI="calendar:CalendarItemType"/></t:AdditionalProperties></m:ItemShape>' +
  '<m:CalendarView StartDate="2030-05-06T00:00:00Z" EndDate="2030-06-01T00:00:00Z"/>' +
  '<m:ParentFolderIds><t:DistinguishedFolderId Id="calendar"/></m:ParentFolderIds></m:FindItem>';

/** [subject, start, type] of the view's items of the series. */
function seriesView(body: string): string[][] {
  return [...body.matchAll(/<t:CalendarItem>(.*?)<\/t:CalendarItem>/g)]
    .map((m) => m[1]!)
    .filter((x) => x.includes('<t:Subject>Planning'))
    .map((x) => [
      /<t:Subject>([^<]*)</.exec(x)?.[1] ?? '',
      /<t:Start>([^<]*)</.exec(x)?.[1] ?? '',
      /<t:CalendarItemType>([^<]*)</.exec(x)?.[1] ?? '',
    ]);
}

describe('UpdateItem on an occurrence makes an exception, read through GetItem and CalendarView', () => {
  let mock: MockExchange;
  let series: string;
  beforeAll(async () => {
    mock = await startMock(testOrgConfig());
    const created = await call(
      mock,
      '<m:CreateItem SendMeetingInvitations="SendToNone"><m:Items><t:CalendarItem>' +
        '<t:Subject>Planning</t:Subject><t:Start>2030-05-06T09:00:00Z</t:Start><t:End>2030-05-06T09:30:00Z</t:End>' +
        '<t:Location>Room A</t:Location><t:Recurrence><t:WeeklyRecurrence><t:Interval>1</t:Interval>' +
        '<t:DaysOfWeek>Monday</t:DaysOfWeek></t:WeeklyRecurrence><t:NumberedRecurrence>' +
        '<t:StartDate>2030-05-06Z</t:StartDate><t:NumberOfOccurrences>4</t:NumberOfOccurrences></t:NumberedRecurrence>' +
        '</t:Recurrence></t:CalendarItem></m:Items></m:CreateItem>',
    );
    series = idOf(created);
  });
  afterAll(async () => {
    await mock?.stop();
  });

  it('moves the second Monday to Tuesday 13:00 with a new subject and location', async () => {
    const second = `<t:OccurrenceItemId RecurringMasterId="${series}" InstanceIndex="2"/>`;
    const r = await call(
      mock,
      update(
        second,
        ['item:Subject', '<t:Subject>Planning (moved)</t:Subject>'],
        ['calendar:Start', '<t:Start>2030-05-14T13:00:00Z</t:Start>'],
        ['calendar:Location', '<t:Location>Room B</t:Location>'],
      ),
      'UpdateItem occurrence',
    );
    expect(r).toContain('>NoError</m:ResponseCode>');
    const occurrence = await call(mock, getItem(second), 'GetItem exception');
    expect(occurrence).toContain('<t:Subject>Planning (moved)</t:Subject>');
    expect(occurrence).toContain('<t:Start>2030-05-14T13:00:00Z</t:Start>');
    // Moving the start alone keeps its half hour.
    expect(occurrence).toContain('<t:End>2030-05-14T13:30:00Z</t:End>');
    expect(occurrence).toContain('<t:OriginalStart>2030-05-13T09:00:00Z</t:OriginalStart>');
    expect(occurrence).toContain('<t:Location>Room B</t:Location>');
    expect(occurrence).toContain('<t:CalendarItemType>Exception</t:CalendarItemType>');
    // The occurrence's own id answers the same, and a second change keeps the first one's values.
    const ownId = idOf(occurrence);
    const again = await call(
      mock,
      update(`<t:ItemId Id="${ownId}"/>`, ['calendar:End', '<t:End>2030-05-14T14:00:00Z</t:End>']),
    );
    expect(again).toContain('>NoError</m:ResponseCode>');
    expect(idOf(again)).toBe(ownId);
    const master = await call(mock, getItem(`<t:ItemId Id="${series}"/>`), 'GetItem master');
    expect(master).toContain(`<t:ModifiedOccurrences><t:Occurrence><t:ItemId Id="${ownId}"`);
    expect(master).toMatch(
      /<t:ModifiedOccurrences><t:Occurrence>.*?<t:Start>2030-05-14T13:00:00Z<\/t:Start><t:End>2030-05-14T14:00:00Z<\/t:End><t:OriginalStart>2030-05-13T09:00:00Z<\/t:OriginalStart><\/t:Occurrence><\/t:ModifiedOccurrences>/,
    );
    const view = await call(mock, calendarView, 'CalendarView with exception');
    expect(seriesView(view)).toEqual([
      ['Planning', '2030-05-06T09:00:00Z', 'Occurrence'],
      ['Planning (moved)', '2030-05-14T13:00:00Z', 'Exception'],
      ['Planning', '2030-05-20T09:00:00Z', 'Occurrence'],
      ['Planning', '2030-05-27T09:00:00Z', 'Occurrence'],
    ]);
  });

  it('refuses series properties on an occurrence with ErrorInvalidOperation, changing nothing', async () => {
    const third = `<t:OccurrenceItemId RecurringMasterId="${series}" InstanceIndex="3"/>`;
    const r = await call(
      mock,
      update(third, ['calendar:LegacyFreeBusyStatus', '<t:LegacyFreeBusyStatus>Free</t:LegacyFreeBusyStatus>']),
      'UpdateItem occurrence refused',
    );
    expect(r).toContain('>ErrorInvalidOperation</m:ResponseCode>');
    expect(r).toContain('only Start, End, Subject and Location');
    const backwards = await call(mock, update(third, ['calendar:End', '<t:End>2030-05-20T08:00:00Z</t:End>']));
    expect(backwards).toContain('>ErrorCalendarEndDateIsEarlierThanStartDate</m:ResponseCode>');
    const view = await call(mock, calendarView);
    expect(seriesView(view)[2]).toEqual(['Planning', '2030-05-20T09:00:00Z', 'Occurrence']);
  });

  it('deleting the exception removes it from the view and lists it as deleted', async () => {
    const second = `<t:OccurrenceItemId RecurringMasterId="${series}" InstanceIndex="2"/>`;
    const deleted = await call(
      mock,
      `<m:DeleteItem DeleteType="HardDelete" SendMeetingCancellations="SendToNone"><m:ItemIds>${second}</m:ItemIds></m:DeleteItem>`,
    );
    expect(deleted).toContain('>NoError</m:ResponseCode>');
    const view = await call(mock, calendarView);
    expect(seriesView(view).map((e) => e[1])).toEqual([
      '2030-05-06T09:00:00Z',
      '2030-05-20T09:00:00Z',
      '2030-05-27T09:00:00Z',
    ]);
    const master = await call(mock, getItem(`<t:ItemId Id="${series}"/>`), 'GetItem master after delete');
    expect(master).not.toContain('<t:ModifiedOccurrences>');
    expect(master).toContain('<t:DeletedOccurrences><t:DeletedOccurrence><t:Start>2030-05-13T09:00:00Z</t:Start>');
  });

  it.skipIf(!schemaTestsEnabled('occurrence exception schema'))(
    'those responses validate against the EWS schema',
    async () => {
      expect(bodies).toHaveLength(6);
      const verdicts = await validateAgainstSchema(bodies);
      expect(verdicts.map((v) => [v.name, v.errors])).toEqual(bodies.map((b) => [b.name, []]));
    },
  );
});
