import { describe, expect, it } from 'vitest';
import { calendarStateAt, nextBoundary } from '../../../../gateway/calendar/meeting-state.ts';
import type { CalendarBlock, FreeBusy } from '../../../../gateway/ews-client/ews-requests.ts';

const NINE = Date.UTC(2030, 4, 6, 9, 0, 0);
const MIN = 60_000;
const block = (freeBusy: FreeBusy, from: number, to: number): CalendarBlock => ({
  id: `${freeBusy}-${from}`,
  subject: freeBusy,
  start: NINE + from * MIN,
  end: NINE + to * MIN,
  freeBusy,
});

/** DESIGN §4's mapping: Free/Tentative -> Available, Busy -> In a meeting, OOF -> Away (or Out of Office). */
describe('calendar state at an instant', () => {
  it.each([
    ['Free', 'free'],
    ['Tentative', 'free'],
    ['WorkingElsewhere', 'free'],
    ['NoData', 'free'],
    ['Busy', 'busy'],
    ['OOF', 'oof'],
  ] as const)('a %s block reads %s while it lasts', (freeBusy, state) => {
    expect(calendarStateAt([block(freeBusy, 0, 30)], NINE + 10 * MIN)).toBe(state);
  });

  it('a block covers its start instant and not its end instant', () => {
    const busy = [block('Busy', 0, 30)];
    expect(calendarStateAt(busy, NINE - 1)).toBe('free');
    expect(calendarStateAt(busy, NINE)).toBe('busy');
    expect(calendarStateAt(busy, NINE + 30 * MIN - 1)).toBe('busy');
    expect(calendarStateAt(busy, NINE + 30 * MIN)).toBe('free');
  });

  it('overlapping blocks: OOF beats Busy beats Free, in any order', () => {
    const t = NINE + 10 * MIN;
    expect(calendarStateAt([block('OOF', 0, 60), block('Busy', 0, 30), block('Free', 0, 30)], t)).toBe('oof');
    expect(calendarStateAt([block('Busy', 0, 30), block('OOF', 0, 60)], t)).toBe('oof');
    expect(calendarStateAt([block('Busy', 0, 30), block('Tentative', 5, 20)], t)).toBe('busy');
    expect(calendarStateAt([block('Tentative', 5, 20), block('Busy', 0, 30)], t)).toBe('busy');
    expect(calendarStateAt([], t)).toBe('free');
  });
});

describe('next boundary', () => {
  it('is the nearest start or end strictly after the instant', () => {
    const blocks = [block('Busy', 30, 60), block('OOF', 10, 90)];
    expect(nextBoundary(blocks, NINE)).toBe(NINE + 10 * MIN);
    expect(nextBoundary(blocks, NINE + 10 * MIN)).toBe(NINE + 30 * MIN);
    expect(nextBoundary(blocks, NINE + 45 * MIN)).toBe(NINE + 60 * MIN);
    expect(nextBoundary(blocks, NINE + 60 * MIN)).toBe(NINE + 90 * MIN);
    expect(nextBoundary(blocks, NINE + 90 * MIN)).toBeUndefined();
    expect(nextBoundary([], NINE)).toBeUndefined();
  });
});
