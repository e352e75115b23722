import { describe, expect, it } from 'vitest';
import type { CalendarEntry, LegacyFreeBusyStatus } from '../../../mock-exchange/calendar.ts';
import { mergedFreeBusy, slotStatus } from '../../../mock-exchange/free-busy.ts';

const H = 3_600_000;
const DAY0 = Date.UTC(2008, 0, 30);

function entry(startH: number, endH: number, freeBusy: LegacyFreeBusyStatus): CalendarEntry {
  const item = { freeBusy } as CalendarEntry['item'];
  return { item, id: `${startH}`, start: DAY0 + startH * H, end: DAY0 + endH * H, type: 'Single' };
}

describe('MergedFreeBusy', () => {
  it('reproduces the MS-OXWAVLS example: OOF 12:00-14:00 over Busy 13:30-14:30 at 60 minutes', () => {
    const entries = [entry(12, 14, 'OOF'), entry(13.5, 14.5, 'Busy')];
    expect(mergedFreeBusy(entries, DAY0, DAY0 + 24 * H, H)).toBe('000000000000332000000000');
  });

  it('ranks OOF > Busy > Tentative > WorkingElsewhere > Free, and a NoData item blocks nothing', () => {
    const from = DAY0 + 9 * H;
    const to = DAY0 + 10 * H;
    expect(slotStatus([entry(9, 10, 'Tentative'), entry(9, 10, 'WorkingElsewhere')], from, to)).toBe('Tentative');
    expect(slotStatus([entry(9, 10, 'Free'), entry(9, 10, 'WorkingElsewhere')], from, to)).toBe('WorkingElsewhere');
    expect(slotStatus([entry(9, 10, 'Busy'), entry(9, 10, 'Tentative')], from, to)).toBe('Busy');
    expect(mergedFreeBusy([entry(9, 10, 'NoData')], from, to, H)).toBe('0');
    expect(mergedFreeBusy([entry(9, 10, 'WorkingElsewhere')], from, to, H)).toBe('4');
  });

  it('has ceil(window / interval) digits, an item ending at a slot start does not mark that slot', () => {
    expect(mergedFreeBusy([entry(0, 1, 'Busy')], DAY0, DAY0 + 100 * 60_000, 30 * 60_000)).toBe('2200');
    expect(mergedFreeBusy([entry(0.75, 1.25, 'Busy')], DAY0, DAY0 + 2 * H, H)).toBe('22');
  });
});
