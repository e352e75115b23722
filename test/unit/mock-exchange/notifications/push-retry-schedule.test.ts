import { describe, expect, it } from 'vitest';
import { pushRetryOffset, pushRetryOffsets } from '../../../../mock-exchange/notifications/push-retry-schedule.ts';

describe('push retry schedule', () => {
  it("matches Microsoft's StatusFrequency table for the default 30 minutes: 0:30 ... 16:00, no 32:00", () => {
    expect(pushRetryOffsets(30).map((ms) => ms / 1000)).toEqual([30, 60, 120, 240, 480, 960]);
    expect(pushRetryOffset(7, 30)).toBeUndefined();
  });

  it('fits the retries inside StatusFrequency, whatever its value', () => {
    expect(pushRetryOffsets(1).map((ms) => ms / 1000)).toEqual([30, 60]);
    expect(pushRetryOffsets(60).map((ms) => ms / 1000)).toEqual([30, 60, 120, 240, 480, 960, 1920]);
    expect(pushRetryOffsets(1440).at(-1)).toBe(30_000 * 2 ** 11);
    expect(() => pushRetryOffset(0, 30)).toThrow(/retry number/);
  });
});
