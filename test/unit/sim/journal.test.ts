import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../sim/clock.ts';
import { Journal } from '../../../sim/journal.ts';

describe('Journal', () => {
  it('keeps the newest `capacity` entries, in order, however many were recorded', () => {
    const journal = new Journal(new VirtualClock(0), 3);
    const seen: number[] = [];
    journal.subscribe((e) => seen.push(e.seq));
    for (let i = 1; i <= 10; i++) journal.record(i % 2 ? 'info' : 'warn', 'test', `m${i}`);
    expect(journal.entries().map((e) => e.message)).toEqual(['m8', 'm9', 'm10']);
    expect(journal.entries({ level: 'warn' }).map((e) => e.message)).toEqual(['m8', 'm10']);
    expect(journal.entries({ since: 8 }).map((e) => e.seq)).toEqual([9, 10]);
    expect(seen).toHaveLength(10);
  });
});
