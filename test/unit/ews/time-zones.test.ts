import { describe, expect, it } from 'vitest';
import { fixedOffsetZone, resolveTimeZone, utcToWallClock, wallClockToUtc } from '../../../ews/time-zones.ts';

const utc = (iso: string) => Date.parse(iso);

describe('EWS time zones', () => {
  it('reads wall clock in a Windows zone across both DST changes (W. Europe: CET/CEST)', () => {
    const berlin = resolveTimeZone('W. Europe Standard Time');
    expect(berlin.known).toBe(true);
    expect(wallClockToUtc('2030-01-15T09:00:00', berlin)).toBe(utc('2030-01-15T08:00:00Z'));
    expect(wallClockToUtc('2030-07-15T09:00:00', berlin)).toBe(utc('2030-07-15T07:00:00Z'));
    // 2030-03-31 02:00 CET jumps to 03:00 CEST; 2030-10-27 03:00 CEST falls back to 02:00 CET.
    expect(wallClockToUtc('2030-03-31T03:30:00', berlin)).toBe(utc('2030-03-31T01:30:00Z'));
    expect(wallClockToUtc('2030-10-27T04:00:00', berlin)).toBe(utc('2030-10-27T03:00:00Z'));
    expect(utcToWallClock(utc('2030-05-06T13:00:00Z'), berlin)).toBe('2030-05-06T15:00:00');
    expect(utcToWallClock(utc('2030-12-06T13:00:00Z'), berlin)).toBe('2030-12-06T14:00:00');
  });

  it('treats UTC, Greenwich Standard Time and no zone as UTC, and an unknown id as UTC marked unknown', () => {
    for (const id of ['UTC', 'Greenwich Standard Time', undefined]) {
      const z = resolveTimeZone(id);
      expect(z.known).toBe(true);
      expect(wallClockToUtc('2030-05-06T09:00:00', z)).toBe(utc('2030-05-06T09:00:00Z'));
    }
    const mars = resolveTimeZone('Mars Standard Time');
    expect(mars).toMatchObject({ id: 'Mars Standard Time', known: false });
    expect(utcToWallClock(utc('2030-05-06T09:00:00Z'), mars)).toBe('2030-05-06T09:00:00');
  });

  it('accepts IANA names, explicit offsets and legacy biases; rejects what is not an xs:dateTime', () => {
    expect(wallClockToUtc('2030-05-06T09:00:00', resolveTimeZone('America/New_York'))).toBe(
      utc('2030-05-06T13:00:00Z'),
    );
    const anyZone = resolveTimeZone('Tokyo Standard Time');
    expect(wallClockToUtc('2030-05-06T09:00:00Z', anyZone)).toBe(utc('2030-05-06T09:00:00Z'));
    expect(wallClockToUtc('2030-05-06T09:00:00-05:00', anyZone)).toBe(utc('2030-05-06T14:00:00Z'));
    expect(wallClockToUtc('2030-05-06T09:00:00.500', resolveTimeZone('UTC'))).toBe(utc('2030-05-06T09:00:00.500Z'));
    // SerializableTimeZone Bias 480 is Pacific Standard Time: UTC = local + 8 h.
    expect(wallClockToUtc('2030-05-06T09:00:00', fixedOffsetZone('PST', 480))).toBe(utc('2030-05-06T17:00:00Z'));
    for (const bad of ['tomorrow', '2030-05-06', '2030-13-45T99:00:00', '']) {
      expect(wallClockToUtc(bad, anyZone), bad).toBeUndefined();
    }
  });
});
