import { VirtualClock } from '../sim/clock.ts';
import { ClockDriver } from '../sim/clock-driver.ts';
import { Lab, type LabOptions } from './create-lab.ts';

/** Event-loop turns a live step waits for the lab's I/O before moving on anyway. */
const LIVE_SETTLE_TURNS = 400;

/** Yield until nothing is pending for a few turns, or give up after `maxTurns`: returns whether it went quiet. */
async function settleBriefly(lab: Lab, maxTurns = LIVE_SETTLE_TURNS): Promise<boolean> {
  let quiet = 0;
  for (let turn = 0; turn < maxTurns; turn++) {
    if (lab.pendingWork() === 0) {
      if (++quiet >= 3) return true;
    } else quiet = 0;
    await new Promise<void>((r) => setImmediate(r));
    if (turn % 10 === 9) await new Promise<void>((r) => setTimeout(r, 0));
  }
  return false;
}

/**
 * Lab.runUntil for a clock that flows live: due timers fire one instant at a time with I/O settled in
 * between, but work that waits on virtual time itself (a request to a hung server, due to time out at
 * Exchange Timeout) does not stop the clock, where Lab.settle would give up with an error.
 */
export function liveStep(lab: Lab, clock: VirtualClock): (target: number) => Promise<void> {
  return async (target) => {
    await settleBriefly(lab);
    for (;;) {
      const next = clock.nextDue();
      if (next === undefined || next > target) break;
      clock.runUntil(Math.max(next, clock.now()));
      await settleBriefly(lab);
    }
    if (target > clock.now()) clock.runUntil(target);
    await settleBriefly(lab);
  };
}

export interface LiveLab {
  lab: Lab;
  clock: VirtualClock;
  driver: ClockDriver;
}

/**
 * The interactive lab (`pgsim lab`): a virtual clock that starts at the current wall time and flows at
 * x1 until a trainer pauses it, speeds it up or jumps ahead.
 */
export async function createLiveLab(
  options: Omit<LabOptions, 'clock'> & { start?: number; speed?: number; paused?: boolean } = {},
): Promise<LiveLab> {
  const { start, speed, paused, ...labOptions } = options;
  const clock = new VirtualClock(start ?? Date.now());
  const lab = await Lab.create({ ...labOptions, clock });
  const step = liveStep(lab, clock);
  // The engine's first subscriptions finish before anyone looks.
  await step(clock.now());
  const driver = new ClockDriver(clock, step, { speed: speed ?? 1 });
  if (paused) driver.pause();
  driver.start();
  return { lab, clock, driver };
}
