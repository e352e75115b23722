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

describe('Journal memory under a flood', () => {
  it('holds exactly `capacity` entries of bounded, escaped text, however many 1 MB values arrive', () => {
    const journal = new Journal(new VirtualClock(0), 5);
    // One flat string, as a socket delivers it (V8 would copy a 1 MB concatenation on every read of it).
    const huge = Buffer.from(`unknown subscription id\n${'x'.repeat(1024 * 1024)}`).toString('utf8');
    for (let i = 1; i <= 2000; i++) journal.record('debug', 'calendar', huge, { id: huge });
    const held = journal.entries();
    expect(journal.size).toBe(5);
    expect(held.map((e) => e.seq)).toEqual([1996, 1997, 1998, 1999, 2000]);
    for (const e of held) {
      // 1,024 characters kept plus the "…[n more characters]" note: far below one 1 MB value.
      expect(e.message.length).toBeLessThan(1100);
      expect(e.message.startsWith('unknown subscription id\\x0axxx')).toBe(true);
      expect(String(e.data?.id).length).toBeLessThan(1100);
    }
  });

  it('refuses a capacity that is not a positive integer', () => {
    expect(() => new Journal(new VirtualClock(0), 0)).toThrow('journal capacity 0: not a positive integer');
  });
});
