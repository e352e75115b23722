import { describe, expect, it } from 'vitest';
import { findItemRequest, onlyFindItemMessage } from '../../../support/find-item-reply.ts';
import { OperationBench } from '../../../support/operation-call.ts';

const BOB = { mailbox: 'bob@example.test' };
const HOUR = 3_600_000;
const TIE = Date.UTC(2030, 4, 7, 9, 0, 0);
// EwsId text order (ordinal, as JavaScript's < compares) is how Exchange-like ids tie-break.
const ordinal = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Bob's calendar with three items that start together, made so that their creation order is neither their id order
 * nor its reverse: ids are base64 of a counter, and a base64 digit after 'z' ('0') sorts below the letters.
 */
function benchWithTies(): { bench: OperationBench; tied: string[] } {
  const bench = new OperationBench();
  const calendar = bench.org.mailbox('bob@example.test')?.calendar;
  if (!calendar) throw new Error('no bob');
  for (let n = 0; n < 200; n++) {
    const made = [0, 1, 2].map((i) => calendar.create({ subject: `Tie ${n}.${i}`, start: TIE, end: TIE + HOUR }).id);
    const sorted = [...made].sort(ordinal);
    if (sorted.join() !== made.join() && sorted.join() !== [...made].reverse().join()) return { bench, tied: made };
    for (const id of made) calendar.delete(id);
  }
  throw new Error('no creation order that differs from id order in 200 tries');
}

describe('FindItem without CalendarView lists items by start, ties by item id', () => {
  it('items that start together come in ItemId order, not creation order', async () => {
    const { bench, tied } = benchWithTies();
    const m = onlyFindItemMessage(await bench.call(findItemRequest('', { shape: 'IdOnly' }), BOB));
    expect(m.responseCode).toBe('NoError');
    expect(m.ids).toHaveLength(4);
    // Bob's own 13:00 meeting on 6 May comes first; the three 9:00 items on 7 May follow, by id.
    expect(m.ids.slice(1)).toEqual([...tied].sort(ordinal));
    expect(m.ids.slice(1)).not.toEqual(tied);
  });
});
