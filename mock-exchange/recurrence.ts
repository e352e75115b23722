/** Daily and weekly recurrence, expanded into occurrence start times (UTC). */
export const DAYS_OF_WEEK = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;
export type DayOfWeek = (typeof DAYS_OF_WEEK)[number];

export type Recurrence =
  | { pattern: 'daily'; interval: number; occurrences?: number; until?: number }
  | { pattern: 'weekly'; interval: number; daysOfWeek: DayOfWeek[]; occurrences?: number; until?: number };

const DAY = 86_400_000;
/** Hard cap so a series without an end never loops forever. */
const MAX_OCCURRENCES = 10_000;

/**
 * Start times of occurrences of a series whose first occurrence starts at `firstStart`, in order,
 * stopping after `to` (exclusive) or when the series ends.
 */
export function* occurrenceStarts(firstStart: number, rule: Recurrence, to: number): Generator<number> {
  let count = 0;
  const limit = Math.min(rule.occurrences ?? MAX_OCCURRENCES, MAX_OCCURRENCES);
  const until = rule.until ?? Number.POSITIVE_INFINITY;
  const emit = (t: number) => t < to && t <= until && count < limit;
  if (rule.pattern === 'daily') {
    for (let t = firstStart; emit(t); t += rule.interval * DAY) {
      count++;
      yield t;
    }
    return;
  }
  const days = new Set(rule.daysOfWeek.map((d) => DAYS_OF_WEEK.indexOf(d)));
  const first = new Date(firstStart);
  const weekStart = firstStart - first.getUTCDay() * DAY;
  for (let week = 0; ; week += rule.interval) {
    for (let dow = 0; dow < 7; dow++) {
      if (!days.has(dow)) continue;
      const t = weekStart + (week * 7 + dow) * DAY;
      if (t < firstStart) continue;
      if (!emit(t)) return;
      count++;
      yield t;
    }
  }
}
