import { describe, expect, it } from 'vitest';
import { OperationBench } from '../../../support/operation-call.ts';

const WHERE = 'UpdateItem/ItemChanges/ItemChange[1]';

/**
 * A daily series of five in UTC from Monday 6 May 2030, `every` days apart, `from`-`to` wall clock
 * (`to` on the next day when earlier than `from`).
 */
const series = (from: string, to: string, every = 1) =>
  '<m:CreateItem SendMeetingInvitations="SendToNone"><m:Items><t:CalendarItem><t:Subject>Series</t:Subject>' +
  `<t:Start>2030-05-06T${from}:00Z</t:Start><t:End>${to < from ? '2030-05-07' : '2030-05-06'}T${to}:00Z</t:End>` +
  `<t:Recurrence><t:DailyRecurrence><t:Interval>${every}</t:Interval></t:DailyRecurrence><t:NumberedRecurrence>` +
  '<t:StartDate>2030-05-06</t:StartDate><t:NumberOfOccurrences>5</t:NumberOfOccurrences></t:NumberedRecurrence>' +
  '</t:Recurrence><t:StartTimeZone Id="UTC"/></t:CalendarItem></m:Items></m:CreateItem>';

/** Move occurrence `index` (1-based) of a series to a new Start and End. */
const move = (seriesId: string, index: number, start: string, end: string) =>
  '<m:UpdateItem ConflictResolution="AlwaysOverwrite" SendMeetingInvitationsOrCancellations="SendToNone"><m:ItemChanges>' +
  `<t:ItemChange><t:OccurrenceItemId RecurringMasterId="${seriesId}" InstanceIndex="${index}"/><t:Updates>` +
  `<t:SetItemField><t:FieldURI FieldURI="calendar:Start"/><t:CalendarItem><t:Start>${start}</t:Start></t:CalendarItem></t:SetItemField>` +
  `<t:SetItemField><t:FieldURI FieldURI="calendar:End"/><t:CalendarItem><t:End>${end}</t:End></t:CalendarItem></t:SetItemField>` +
  '</t:Updates></t:ItemChange></m:ItemChanges></m:UpdateItem>';

/** Bob's bench with one series created; `update` moves an occurrence and answers its ResponseCode and MessageText. */
async function seriesBench(from: string, to: string, every = 1) {
  const bench = new OperationBench();
  const call = async (xml: string) => {
    const out = await bench.call(xml, { mailbox: 'bob@example.test' });
    if (out.kind !== 'body') throw new Error(`fault ${out.code}: ${out.message}`);
    return out.xml;
  };
  const created = await call(series(from, to, every));
  const id = /<t:ItemId Id="([^"]+)"/.exec(created)?.[1] ?? '';
  const update = async (index: number, start: string, end: string) => {
    const xml = await call(move(id, index, start, end));
    return {
      code: /<m:ResponseCode>([^<]+)</.exec(xml)?.[1],
      text: /<m:MessageText>([^<]*)</.exec(xml)?.[1],
    };
  };
  return { update };
}

describe('a moved occurrence stays on a day strictly between its neighbours’ days', () => {
  // Daily 23:00-01:00: occurrence 2 starts 7 May 23:00, 3 starts 8 May 23:00, 4 starts 9 May 23:00.
  it('to the previous occurrence’s day: ErrorOccurrenceCrossingBoundary naming the previous start', async () => {
    const { update } = await seriesBench('23:00', '01:00');
    expect(await update(3, '2030-05-07T23:30:00Z', '2030-05-08T00:30:00Z')).toEqual({
      code: 'ErrorOccurrenceCrossingBoundary',
      text:
        `${WHERE}: Modified occurrence is crossing or overlapping adjacent occurrence: the new start ` +
        '2030-05-07T23:30:00.000Z is not on a day between the previous and the next occurrence ' +
        '(the previous starts 2030-05-07T23:00:00.000Z).',
    });
  });

  it('to the next occurrence’s day: ErrorOccurrenceCrossingBoundary naming the next start', async () => {
    const { update } = await seriesBench('23:00', '01:00');
    expect(await update(3, '2030-05-09T00:30:00Z', '2030-05-09T01:30:00Z')).toEqual({
      code: 'ErrorOccurrenceCrossingBoundary',
      text:
        `${WHERE}: Modified occurrence is crossing or overlapping adjacent occurrence: the new start ` +
        '2030-05-09T00:30:00.000Z is not on a day between the previous and the next occurrence ' +
        '(the next starts 2030-05-09T23:00:00.000Z).',
    });
  });

  it('a neighbour already moved bounds by the day it was moved to, not its pattern day', async () => {
    // Every third day 09:00-10:00: occurrence 2 on 9 May moves to 10 May; occurrence 3 (12 May) may not go to 10 May.
    const { update } = await seriesBench('09:00', '10:00', 3);
    expect((await update(2, '2030-05-10T09:00:00Z', '2030-05-10T10:00:00Z')).code).toBe('NoError');
    expect(await update(3, '2030-05-10T12:00:00Z', '2030-05-10T13:00:00Z')).toEqual({
      code: 'ErrorOccurrenceCrossingBoundary',
      text:
        `${WHERE}: Modified occurrence is crossing or overlapping adjacent occurrence: the new start ` +
        '2030-05-10T12:00:00.000Z is not on a day between the previous and the next occurrence ' +
        '(the previous starts 2030-05-10T09:00:00.000Z).',
    });
  });
});

describe('within its days, a moved occurrence may not overlap a neighbour’s time', () => {
  // Daily 23:00-01:00: occurrence 2 ends 8 May 01:00; occurrence 4 starts 9 May 23:00.
  it('starting before the previous occurrence ends: ErrorOccurrenceTimeSpanTooBig, the previous', async () => {
    const { update } = await seriesBench('23:00', '01:00');
    expect(await update(3, '2030-05-08T00:30:00Z', '2030-05-08T01:30:00Z')).toEqual({
      code: 'ErrorOccurrenceTimeSpanTooBig',
      text: `${WHERE}: the occurrence (2030-05-08T00:30:00.000Z to 2030-05-08T01:30:00.000Z) would overlap the previous occurrence of its series.`,
    });
  });

  it('ending after the next occurrence starts: ErrorOccurrenceTimeSpanTooBig, the next', async () => {
    const { update } = await seriesBench('23:00', '01:00');
    // Starting exactly when the previous ends does not overlap it: the next one is the one overlapped.
    expect(await update(3, '2030-05-08T01:00:00Z', '2030-05-09T23:30:00Z')).toEqual({
      code: 'ErrorOccurrenceTimeSpanTooBig',
      text: `${WHERE}: the occurrence (2030-05-08T01:00:00.000Z to 2030-05-09T23:30:00.000Z) would overlap the next occurrence of its series.`,
    });
  });

  it('starting as the previous ends and ending as the next starts touches both and is accepted', async () => {
    const { update } = await seriesBench('23:00', '01:00');
    expect(await update(3, '2030-05-08T01:00:00Z', '2030-05-09T23:00:00Z')).toEqual({
      code: 'NoError',
      text: undefined,
    });
  });
});
