import { VirtualClock } from '../sim/clock.ts';
import { ClockDriver } from '../sim/clock-driver.ts';
import { Lab, type LabOptions } from './create-lab.ts';
import type { TimeDriver } from './time-driver.ts';

export interface LiveLab {
  lab: Lab;
  clock: VirtualClock;
  driver: ClockDriver;
  time: TimeDriver;
}

/**
 * The interactive lab (`pgsim lab`): a virtual clock that starts at the current wall time and flows at
 * x1 until a trainer pauses it, speeds it up or jumps ahead. Each tick moves time through the lab's one
 * time driver, as a stepped run does, so what shows at x600 is what shows at x1.
 */
export async function createLiveLab(
  options: Omit<LabOptions, 'clock'> & { start?: number; speed?: number; paused?: boolean } = {},
): Promise<LiveLab> {
  const { start, speed, paused, ...labOptions } = options;
  const clock = new VirtualClock(start ?? Date.now());
  const lab = await Lab.create({ ...labOptions, clock });
  const time = lab.time as TimeDriver;
  const step = async (target: number) => {
    await time.advanceTo(Math.max(target, clock.now()));
  };
  // The engine's first subscriptions finish before anyone looks.
  await step(clock.now());
  const driver = new ClockDriver(clock, step, { speed: speed ?? 1 });
  if (paused) driver.pause();
  driver.start();
  return { lab, clock, driver, time };
}
