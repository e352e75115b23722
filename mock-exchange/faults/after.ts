import type { Clock } from '../../sim/clock.ts';
import { inFlight } from '../../sim/in-flight.ts';

/**
 * Run `fn` after `ms` on the Clock; 0 runs it on the next I/O turn, since a virtual clock would hold it
 * until it advances. A wait on the clock is a deliberate hold of the wire, so the time driver lets time pass.
 */
export function after(clock: Clock, ms: number, fn: () => void, what = 'a fault delays the wire'): void {
  if (ms <= 0) {
    setImmediate(fn);
    return;
  }
  const release = inFlight(clock).hold(what);
  clock.setTimeout(() => {
    release();
    fn();
  }, ms);
}
