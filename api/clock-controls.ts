import type { TimeDriver } from '../lab/time-driver.ts';
import { type Clock, VirtualClock } from '../sim/clock.ts';

/** Time as the simulation sees it. Moving it needs a virtual clock (`virtualTime`); the wall clock only reads. */
export interface ClockControls {
  /** The simulation's current time. */
  now(): Date;
  /** Whether the clock is virtual (moves only when told) rather than the wall clock. */
  readonly virtual: boolean;
  /** Move time forward by `ms`, firing every timer due on the way (status events, subscription expiry, ...). */
  advance(ms: number): Promise<void>;
  /** Move time to an instant (ms, Date or ISO 8601); an instant in the past leaves the clock where it is. */
  runUntil(target: number | Date | string): Promise<void>;
}

/** A clock for a lone mock: timers fire in order; the I/O they start runs on the event loop afterwards. */
export function clockControls(clock: Clock, driver?: TimeDriver): ClockControls {
  const virtual = clock instanceof VirtualClock ? clock : undefined;
  const moveTo = async (target: number) => {
    if (!virtual) throw new Error('this clock is the wall clock; start with { virtualTime: ... } to move time');
    const to = Math.max(target, virtual.now());
    if (driver) await driver.advanceTo(to);
    else {
      virtual.runUntil(to);
      // Let the sockets those timers touched get their turn.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  };
  return {
    now: () => new Date(clock.now()),
    virtual: virtual !== undefined,
    advance: (ms) => {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`advance: ms must be a number >= 0, got ${String(ms)}`);
      return moveTo(clock.now() + ms);
    },
    runUntil: (target) => moveTo(instant(target)),
  };
}

/** An instant given as ms since the epoch, a Date, or an ISO 8601 string. */
export function instant(value: number | Date | string, name = 'time'): number {
  const ms = typeof value === 'number' ? value : value instanceof Date ? value.getTime() : Date.parse(value);
  if (!Number.isFinite(ms)) throw new RangeError(`${name} must be ms, a Date or ISO 8601, got "${String(value)}"`);
  return ms;
}
