import { describe, expect, it } from 'vitest';
import { occurrenceStarts, type Recurrence } from '../../../mock-exchange/recurrence.ts';

const DAY = 86_400_000;
/** Monday 6 May 2030, 09:00 UTC. */
const MON = Date.UTC(2030, 4, 6, 9, 0);
const iso = (ms: number) => new Date(ms).toISOString();
const starts = (first: number, rule: Recurrence, to = first + 400 * DAY) =>
  [...occurrenceStarts(first, rule, to)].map(iso);

describe('occurrenceStarts', () => {
  it('daily with a count yields exactly that many occurrences, one a day', () => {
    expect(starts(MON, { pattern: 'daily', interval: 1, occurrences: 3 })).toEqual([
      '2030-05-06T09:00:00.000Z',
      '2030-05-07T09:00:00.000Z',
      '2030-05-08T09:00:00.000Z',
    ]);
  });

  it('daily with interval 2 skips every other day', () => {
    expect(starts(MON, { pattern: 'daily', interval: 2, occurrences: 3 })).toEqual([
      '2030-05-06T09:00:00.000Z',
      '2030-05-08T09:00:00.000Z',
      '2030-05-10T09:00:00.000Z',
    ]);
  });

  it('weekly on several days yields them in calendar order within each week', () => {
    const rule: Recurrence = {
      pattern: 'weekly',
      interval: 1,
      daysOfWeek: ['Friday', 'Monday', 'Wednesday'],
      occurrences: 5,
    };
    expect(starts(MON, rule)).toEqual([
      '2030-05-06T09:00:00.000Z',
      '2030-05-08T09:00:00.000Z',
      '2030-05-10T09:00:00.000Z',
      '2030-05-13T09:00:00.000Z',
      '2030-05-15T09:00:00.000Z',
    ]);
  });

  it('weekly with interval 2 skips the week in between', () => {
    const rule: Recurrence = { pattern: 'weekly', interval: 2, daysOfWeek: ['Monday', 'Thursday'], occurrences: 4 };
    expect(starts(MON, rule)).toEqual([
      '2030-05-06T09:00:00.000Z',
      '2030-05-09T09:00:00.000Z',
      '2030-05-20T09:00:00.000Z',
      '2030-05-23T09:00:00.000Z',
    ]);
  });

  it('weekly starting on a day outside the pattern begins at the next listed day', () => {
    const tuesday = MON + DAY;
    const rule: Recurrence = { pattern: 'weekly', interval: 1, daysOfWeek: ['Monday'], occurrences: 2 };
    expect(starts(tuesday, rule)).toEqual(['2030-05-13T09:00:00.000Z', '2030-05-20T09:00:00.000Z']);
  });

  it('until includes an occurrence starting exactly at it and nothing after', () => {
    const rule: Recurrence = { pattern: 'daily', interval: 1, until: MON + 2 * DAY };
    expect(starts(MON, rule)).toHaveLength(3);
    expect(starts(MON, { ...rule, until: MON + 2 * DAY - 1 })).toHaveLength(2);
  });

  it('the earlier of count and until ends the series', () => {
    expect(starts(MON, { pattern: 'daily', interval: 1, occurrences: 2, until: MON + 10 * DAY })).toHaveLength(2);
    expect(starts(MON, { pattern: 'daily', interval: 1, occurrences: 20, until: MON + 3 * DAY })).toHaveLength(4);
  });

  it('stops before `to` (exclusive) for a series without end', () => {
    const rule: Recurrence = { pattern: 'daily', interval: 1 };
    expect(starts(MON, rule, MON + 3 * DAY)).toEqual([
      '2030-05-06T09:00:00.000Z',
      '2030-05-07T09:00:00.000Z',
      '2030-05-08T09:00:00.000Z',
    ]);
  });

  it('a series without end or window is cut at 10,000 occurrences instead of looping forever', () => {
    let n = 0;
    for (const _ of occurrenceStarts(MON, { pattern: 'daily', interval: 1 }, Number.POSITIVE_INFINITY)) n++;
    expect(n).toBe(10_000);
  });

  // Expected dates read off a printed 2030-2032 calendar.
  it('relative monthly: the second Tuesday of each month, every second month', () => {
    const rule: Recurrence = {
      pattern: 'relativeMonthly',
      interval: 2,
      daysOfWeek: ['Tuesday'],
      index: 'Second',
      occurrences: 4,
    };
    expect(starts(Date.UTC(2030, 0, 8, 9), rule)).toEqual([
      '2030-01-08T09:00:00.000Z',
      '2030-03-12T09:00:00.000Z',
      '2030-05-14T09:00:00.000Z',
      '2030-07-09T09:00:00.000Z',
    ]);
  });

  it('relative monthly in Berlin keeps 09:00 local across the March change', () => {
    const rule: Recurrence = {
      pattern: 'relativeMonthly',
      interval: 1,
      daysOfWeek: ['Sunday'],
      index: 'Last',
      occurrences: 3,
      timeZone: 'W. Europe Standard Time',
    };
    // 24 February and 31 March (the change day itself, 09:00 CEST) and 28 April 2030.
    expect(starts(Date.UTC(2030, 1, 24, 8), rule)).toEqual([
      '2030-02-24T08:00:00.000Z',
      '2030-03-31T07:00:00.000Z',
      '2030-04-28T07:00:00.000Z',
    ]);
  });

  it('absolute yearly on 29 February falls on the 28th outside leap years', () => {
    const rule: Recurrence = { pattern: 'absoluteYearly', interval: 1, dayOfMonth: 29, month: 2, occurrences: 3 };
    expect(starts(Date.UTC(2030, 1, 28, 9), rule, Date.UTC(2034, 0, 1))).toEqual([
      '2030-02-28T09:00:00.000Z',
      '2031-02-28T09:00:00.000Z',
      '2032-02-29T09:00:00.000Z',
    ]);
  });

  it('relative yearly: the last weekday of December', () => {
    const rule: Recurrence = {
      pattern: 'relativeYearly',
      interval: 1,
      daysOfWeek: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'],
      index: 'Last',
      month: 12,
      occurrences: 3,
    };
    // 31 December 2030 is a Tuesday, 2031 a Wednesday; 31 December 2032 is a Friday.
    expect(starts(Date.UTC(2030, 0, 1, 9), rule, Date.UTC(2034, 0, 1))).toEqual([
      '2030-12-31T09:00:00.000Z',
      '2031-12-31T09:00:00.000Z',
      '2032-12-31T09:00:00.000Z',
    ]);
  });
});
