import { describe, expect, it } from 'vitest';
import { catalogFiles } from '../../scenarios/catalog.ts';
import { loadScenarioFile, type Scenario } from '../../scenarios/loader/load-scenario.ts';
import { runScenario, type ScenarioResult } from '../../scenarios/runner.ts';
import { ClockDriver } from '../../sim/clock-driver.ts';

/**
 * Speed invariance (issue 23): a catalog scenario run live, its `advance` steps flowing at x60 or x600
 * through the lab's time driver and its `at` steps as clock jumps, shows at every `expect` the status
 * rows, viewer rows and presence of the stepped run.
 *
 * Cost: the live runs take real time (an `advance: 61m` is 61 s at x60, 6 s at x600). Measured on the
 * 2-core CI machine: the whole catalog stepped + x600 + x60 is about 110 s; the representative set below
 * (a hung server, a mailbox move with an advance, a broken chain, an unreachable host, an engine restart)
 * runs in about 20 s. PGSIM_SPEED_INVARIANCE=all runs every catalog scenario at both speeds.
 */
const REPRESENTATIVE = [
  'ssl-network-error',
  'mailbox-move',
  'ssl-certificate-missing-from-chain',
  'reachability-unreachable',
  'trust-upload-needs-engine-restart',
];
const SPEEDS = [60, 600] as const;
const ALL = process.env.PGSIM_SPEED_INVARIANCE === 'all';

const scenarios = catalogFiles()
  .map(loadScenarioFile)
  .filter((s) => ALL || REPRESENTATIVE.includes(s.id));

/** Certificate fields that follow the wall clock the lab was built at (validity.ts builds windows around it). */
const WALL_CLOCK_KEYS = new Set(['validFrom', 'validTo', 'fingerprint']);

/** What the trainer sees at each `expect`: the status area, the viewer and every user's presence. */
function seen(r: ScenarioResult): unknown[] {
  // Ports are the OS's pick; certificates are built around the wall clock too, by design.
  const stable = (v: unknown) =>
    JSON.parse(JSON.stringify(v ?? null).replace(/:\d{4,5}\b/g, ':PORT'), (k, x) =>
      WALL_CLOCK_KEYS.has(k) ? undefined : x,
    );
  return r.steps
    .filter((s) => s.kind === 'expect')
    .map((s) => ({
      step: s.index,
      ok: s.ok,
      status: stable(s.observed?.status),
      viewer: stable(s.observed?.viewer),
      presence: stable(s.observed?.presence),
    }));
}

/** The same run with virtual time flowing at `speed` through a ClockDriver, as `pgsim lab` moves it. */
async function runLive(scenario: Scenario, speed: number): Promise<ScenarioResult> {
  let driver: ClockDriver | undefined;
  try {
    return await runScenario(scenario, {
      ready: (lab) => {
        driver = new ClockDriver(lab.clock, (t) => lab.time.advanceTo(Math.max(t, lab.clock.now())).then(() => {}), {
          speed,
        });
        driver.pause();
        driver.start();
      },
      moveTime: async (_lab, target, kind) => {
        if (!driver) throw new Error('no clock driver');
        await (kind === 'at' ? driver.jumpTo(target) : driver.playUntil(target));
      },
    });
  } finally {
    driver?.stop();
  }
}

describe('speed invariance: live at x60 and x600 shows what the stepped run shows', () => {
  it.each(scenarios.map((s) => [s.id, s] as const))('%s', { timeout: 300_000 }, async (_id, scenario) => {
    const stepped = await runScenario(scenario);
    expect(stepped.error).toBeUndefined();
    expect(stepped.ok).toBe(true);
    const expected = seen(stepped);
    expect(expected.length).toBeGreaterThan(0);
    for (const speed of SPEEDS) {
      const live = await runLive(scenario, speed);
      expect(live.error, `x${speed}`).toBeUndefined();
      expect(seen(live), `x${speed}`).toEqual(expected);
      expect(live.ok, `x${speed}`).toBe(true);
    }
  });
});
