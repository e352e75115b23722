import { describe, expect, it } from 'vitest';
import { jumpTarget } from '../../../dashboard/routes/clock-routes.ts';
import { DashboardError } from '../../../dashboard/routes/dashboard-error.ts';

const NOW = Date.UTC(2030, 4, 6, 8, 50, 0);

describe('the clock bar jump field', () => {
  it.each([
    ['09:30', Date.UTC(2030, 4, 6, 9, 30)],
    [' 23:59 ', Date.UTC(2030, 4, 6, 23, 59)],
    ['+15m', NOW + 15 * 60_000],
    ['+1h30m', NOW + 90 * 60_000],
    ['2030-05-07T07:00:00Z', Date.UTC(2030, 4, 7, 7, 0)],
    ['08:50', NOW],
  ])('%s', (text, target) => {
    expect(jumpTarget(text, NOW)).toBe(target);
  });

  it.each([
    ['', /Enter a time/],
    ['08:49', /in the past: virtual time only moves forward/],
    ['25:00', /not a time of day/],
    ['09:61', /not a time of day/],
    ['tomorrow', /is not a time like 09:00/],
    ['+15 minutes', /is not a duration/],
    [42, /Enter a time/],
  ])('refuses %j naming the field', (text, message) => {
    let err: unknown;
    try {
      jumpTarget(text, NOW);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DashboardError);
    expect((err as DashboardError).field).toBe('to');
    expect((err as Error).message).toMatch(message);
  });
});
