import type { Clock } from '../../sim/clock.ts';

/** Run `fn` after `ms` on the Clock; 0 runs it on the next I/O turn, since a virtual clock would hold it until it advances. */
export function after(clock: Clock, ms: number, fn: () => void): void {
  if (ms <= 0) setImmediate(fn);
  else clock.setTimeout(fn, ms);
}
