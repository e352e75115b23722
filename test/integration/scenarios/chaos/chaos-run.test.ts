import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockExchange } from '../../../../mock-exchange/mock-exchange.ts';
import { truthAt } from '../../../../scenarios/chaos/calendar-truth.ts';
import { type ChaosResult, runChaos } from '../../../../scenarios/chaos/chaos-run.ts';
import { startMock } from '../../../support/mock-server.ts';
import { presenceOrgConfig } from '../../../support/presence-org.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
/** 2 x EWS Status Frequency (60 min by default) + the gateway's longest retry back-off (5 min) + a 2-minute sample. */
const BOUND_MS = 127 * MIN;
const SMALL = { users: 6, durationMs: 6 * HOUR, faultCount: 8 } as const;

describe('the truth chaos compares against: the mock calendar as DESIGN §4 maps it', () => {
  let mock: MockExchange;
  beforeAll(async () => {
    mock = await startMock(presenceOrgConfig());
  });
  afterAll(() => mock.stop());

  it('Busy is In a meeting until its end (exclusive), OOF is Away, Tentative and an empty calendar are Available', () => {
    const at = (hhmm: string) => Date.parse(`2030-05-06T${hhmm}:00Z`);
    expect(truthAt(mock, 'alice@example.test', at('09:10'))).toBe('In a meeting');
    expect(truthAt(mock, 'alice@example.test', at('09:30'))).toBe('Available');
    expect(truthAt(mock, 'carol@example.test', at('12:00'))).toBe('Away');
    expect(truthAt(mock, 'bob@example.test', at('10:15'))).toBe('Available');
    expect(truthAt(mock, 'dave@example.test', at('10:15'))).toBe('Available');
  });
});

describe('pgsim chaos on the virtual clock', () => {
  it.each(['alpha', 'bravo', 'charlie'])(
    'seed %s: every user converges within the bound after the last fault',
    async (seed) => {
      const r = await runChaos({ ...SMALL, seed });
      expect(r.faults).toHaveLength(8);
      expect(r.boundMs).toBe(BOUND_MS);
      expect(r.stuck).toEqual([]);
      expect(r.ok).toBe(true);
      expect(r.convergence.converged).toBe(6);
      expect(r.convergence.maxMs).toBeLessThanOrEqual(BOUND_MS);
      expect(r.timeDriver.safetyStops).toBe(0);
      expect(r.replay).toBe(`pgsim chaos --seed ${seed} --users 6 --duration 6h --fault-count 8`);
      const lastClear = Math.max(...r.faults.map((f) => Date.parse(f.until)));
      expect(Date.parse(r.faultPeriod.to)).toBe(lastClear);
      // The quiet tail: nothing after 6 h - bound - 30 min.
      expect(lastClear).toBeLessThanOrEqual(Date.parse('2030-05-06T06:00:00Z') + 6 * HOUR - BOUND_MS - 30 * MIN);
    },
    120_000,
  );

  it('the same seed replays the same run', async () => {
    const strip = (r: ChaosResult) => ({
      faults: r.faults,
      m: r.mismatchedUserMinutes,
      c: r.convergence,
      k: r.calendarChanges,
    });
    const a = await runChaos({ ...SMALL, seed: 'replay', faults: ['server-restart', 'down', 'engine-restart'] });
    const b = await runChaos({ ...SMALL, seed: 'replay', faults: ['server-restart', 'down', 'engine-restart'] });
    expect(strip(b)).toEqual(strip(a));
  }, 120_000);

  it('a broken recovery path (the watchdog disabled) is caught: every user homed on a restarted server is named stuck', async () => {
    const r = await runChaos({
      ...SMALL,
      seed: 'broken',
      faults: ['server-restart'],
      faultCount: 2,
      disableWatchdog: true,
    });
    expect(r.ok).toBe(false);
    const restarted = new Set(r.faults.map((f) => f.server));
    // The chaos organization homes user000N on ex1 when N is odd, on ex2 when N is even.
    const homedOnRestarted = ['user0001', 'user0002', 'user0003', 'user0004', 'user0005', 'user0006'].filter((u) =>
      restarted.has(Number(u.slice(-1)) % 2 === 1 ? 'ex1' : 'ex2'),
    );
    expect(homedOnRestarted.length).toBeGreaterThan(0);
    expect(r.stuck.map((s) => s.userId)).toEqual(homedOnRestarted);
    for (const s of r.stuck) {
      expect(s.convergedAfterMs).toBeNull();
      // The closing out-of-office, booked after the restart, is what the stale view cannot show.
      expect(s.expected).toBe('Away');
      expect(s.published).not.toBe('Away');
      expect(s.lastLog.join('\n')).toContain(`subscribed to the calendar of ${s.mailbox}`);
    }
  }, 120_000);
});
