import { describe, expect, it } from 'vitest';
import { publishTime, spreadOffsetSeconds } from '../../../../gateway/calendar/calendar-spread.ts';

/**
 * Expected offsets worked out outside the code, from the documented rule (first four bytes of SHA-256 of
 * the lower-cased user id, big-endian, modulo spread + 1):
 *   printf %s alice | openssl dgst -sha256   -> 2bd806c9... = 735577801
 * and so on for each name; the remainders below are those numbers modulo 51, 61 and 11.
 */
const OFFSETS: Array<[user: string, first4: number, spread50: number, spread60: number, spread10: number]> = [
  ['alice', 0x2bd806c9, 7, 29, 2],
  ['erin', 0x7cbccb0c, 17, 36, 7],
  ['bob', 0x81b637d8, 21, 18, 2],
  ['carol', 0x4c26d907, 32, 26, 5],
  ['dave', 0x61ea0803, 36, 50, 0],
];

const NINE = Date.UTC(2030, 4, 6, 9, 0, 0);

describe('Calendar Spread', () => {
  it.each(OFFSETS)('%s publishes at the offset computed by hand from SHA-256', (user, first4, s50, s60, s10) => {
    expect([first4 % 51, first4 % 61, first4 % 11]).toEqual([s50, s60, s10]);
    expect(spreadOffsetSeconds(user, 50)).toBe(s50);
    expect(spreadOffsetSeconds(user, 60)).toBe(s60);
    expect(spreadOffsetSeconds(user, 10)).toBe(s10);
  });

  it('the user id is compared without case', () => {
    expect(spreadOffsetSeconds('Alice', 50)).toBe(7);
    expect(spreadOffsetSeconds('ERIN', 50)).toBe(17);
  });

  it('a spread of zero (or less) publishes every user on the boundary minute', () => {
    for (const [user] of OFFSETS) {
      expect(spreadOffsetSeconds(user, 0)).toBe(0);
      expect(spreadOffsetSeconds(user, -5)).toBe(0);
      expect(publishTime(NINE, user, 0)).toBe(NINE);
    }
  });

  it('over many users every offset from 0 to the spread is used, and none outside it', () => {
    for (const spread of [1, 7, 50]) {
      const seen = new Set<number>();
      for (let i = 0; i < 2_000; i++) seen.add(spreadOffsetSeconds(`user${i}@example.com`, spread));
      expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: spread + 1 }, (_, i) => i));
    }
  });

  it('a boundary on the minute is published that many seconds later', () => {
    expect(publishTime(NINE, 'alice', 50)).toBe(NINE + 7_000);
    expect(publishTime(NINE, 'erin', 50)).toBe(NINE + 17_000);
    expect(publishTime(NINE, 'dave', 10)).toBe(NINE);
  });

  it('a boundary inside the minute is published at the offset from that minute, never before the boundary', () => {
    // erin's offset is 17 s: a boundary at 09:00:10 waits until 09:00:17, one at 09:00:30 is published at once.
    expect(publishTime(NINE + 10_000, 'erin', 50)).toBe(NINE + 17_000);
    expect(publishTime(NINE + 30_000, 'erin', 50)).toBe(NINE + 30_000);
    expect(publishTime(NINE + 17_000, 'erin', 50)).toBe(NINE + 17_000);
  });
});
