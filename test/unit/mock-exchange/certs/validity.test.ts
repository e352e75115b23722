import { describe, expect, it } from 'vitest';
import { expiredWindow, notYetValidWindow, validAround, YEAR } from '../../../../mock-exchange/certs/validity.ts';

const WALL = Date.UTC(2026, 10, 1);

describe('certificate validity windows judged by the sim clock and the wall clock', () => {
  it.each([
    ['sim clock years ahead of the wall clock', Date.UTC(2030, 4, 6)],
    ['sim clock years behind the wall clock', Date.UTC(2021, 0, 4)],
    ['both clocks at the same instant', WALL],
  ])('%s: expired is over for both, not-yet-valid is ahead of both, good windows cover both', (_what, sim) => {
    const now = { sim, wall: WALL };
    const expired = expiredWindow(now);
    expect(expired.notAfter.getTime()).toBeLessThan(Math.min(sim, WALL));
    expect(expired.notBefore.getTime()).toBeLessThan(expired.notAfter.getTime());
    const future = notYetValidWindow(now);
    expect(future.notBefore.getTime()).toBeGreaterThan(Math.max(sim, WALL));
    const good = validAround(now, YEAR, YEAR);
    expect(good.notBefore.getTime()).toBeLessThan(Math.min(sim, WALL));
    expect(good.notAfter.getTime()).toBeGreaterThan(Math.max(sim, WALL));
  });
});
