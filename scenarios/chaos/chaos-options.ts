import { RETRY_MAX_MS } from '../../gateway/calendar/recovery.ts';
import { CHAOS_FAULT_KINDS } from './chaos-faults.ts';

const MINUTE = 60_000;
/** No fault in the first half hour: every user subscribes first. */
export const WARM_UP = 30 * MINUTE;
/** The quiet tail outlasts the convergence bound by this much. */
export const TAIL_MARGIN = 30 * MINUTE;

/** `pgsim chaos` without options: 200 users, a virtual day, 20 faults. */
export const DEFAULTS = { users: 200, durationMs: 24 * 60 * MINUTE, faultCount: 20 } as const;

/** The i-th user's id (0-based): user0001, user0002, ... */
export const chaosUserId = (i: number) => `user${String(i + 1).padStart(4, '0')}`;

/** The convergence bound the run holds every user to: the watchdog's 2 x EWS Status Frequency, the longest back-off, a sample. */
export function convergenceBound(statusFrequencyMinutes: number): number {
  return 2 * statusFrequencyMinutes * MINUTE + RETRY_MAX_MS + 2 * MINUTE;
}

/** The shortest run that leaves room for the warm-up, an hour of faults and the quiet tail. */
export function minimumDuration(statusFrequencyMinutes = 60): number {
  return WARM_UP + 60 * MINUTE + convergenceBound(statusFrequencyMinutes) + TAIL_MARGIN;
}

/** The command line that runs the same schedule again. */
export function replayCommand(
  seed: string,
  users: number,
  durationMs: number,
  kinds: readonly string[],
  count: number,
): string {
  const all = kinds.length === CHAOS_FAULT_KINDS.length;
  return `pgsim chaos --seed ${seed} --users ${users} --duration ${durationMs % (60 * MINUTE) === 0 ? `${durationMs / (60 * MINUTE)}h` : `${durationMs / MINUTE}m`} --fault-count ${count}${all ? '' : ` --faults ${kinds.join(',')}`}`;
}
