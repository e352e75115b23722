import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../sim/clock.ts';
import { ClockDriver } from '../../../sim/clock-driver.ts';

describe('ClockDriver', () => {
  it('jumps forward through the step function, firing timers on the way, and refuses the past', async () => {
    const clock = new VirtualClock(Date.UTC(2030, 4, 6, 8));
    const steps: number[] = [];
    const driver = new ClockDriver(clock, async (t) => {
      steps.push(t);
      clock.runUntil(t);
    });
    const fired: number[] = [];
    clock.setTimeout(() => fired.push(clock.now()), 60_000);
    await driver.jumpTo(Date.UTC(2030, 4, 6, 9));
    expect(fired).toEqual([Date.UTC(2030, 4, 6, 8, 1)]);
    expect(steps).toEqual([Date.UTC(2030, 4, 6, 9)]);
    expect(driver.state()).toEqual({ now: Date.UTC(2030, 4, 6, 9), speed: 1, paused: false });
    await expect(driver.jumpTo(Date.UTC(2030, 4, 6, 8))).rejects.toThrow(/time only moves forward/);
    expect(clock.now()).toBe(Date.UTC(2030, 4, 6, 9));
  });

  it('validates speed and reports pause and speed changes', () => {
    const driver = new ClockDriver(new VirtualClock(0));
    const seen: string[] = [];
    driver.onChange((s) => seen.push(`${s.speed}${s.paused ? 'p' : ''}`));
    driver.setSpeed(600);
    driver.pause();
    driver.resume();
    expect(() => driver.setSpeed(0)).toThrow(RangeError);
    expect(seen).toEqual(['600', '600p', '600']);
  });

  it('plays until an exact instant, then pauses there; never beyond it', async () => {
    const start = Date.UTC(2030, 4, 6, 8);
    const clock = new VirtualClock(start);
    const steps: number[] = [];
    // A high speed with a short tick: a tick may well overshoot the target; the driver must stop on it.
    const driver = new ClockDriver(
      clock,
      async (t) => {
        steps.push(t);
        clock.runUntil(t);
      },
      { speed: 100_000, tickMs: 5 },
    );
    driver.pause();
    await expect(driver.playUntil(start + 60_000)).rejects.toThrow(/not started/);
    driver.start();
    await driver.playUntil(start + 3_600_000);
    driver.stop();
    expect(clock.now()).toBe(start + 3_600_000);
    expect(steps.at(-1)).toBe(start + 3_600_000);
    expect(Math.max(...steps)).toBe(start + 3_600_000);
    expect(driver.state().paused).toBe(true);
  });
});
