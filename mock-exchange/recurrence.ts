import { type EwsTimeZone, localToUtc, resolveTimeZone } from '../ews/time-zones.ts';

/** Daily and weekly recurrence, expanded into occurrence start times (UTC) in the series' own time zone. */
export const DAYS_OF_WEEK = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;
export type DayOfWeek = (typeof DAYS_OF_WEEK)[number];

/** `timeZone`: the series' zone (Windows id or IANA name); occurrences keep its wall-clock time. Absent: UTC. */
export type Recurrence =
  | { pattern: 'daily'; interval: number; occurrences?: number; until?: number; timeZone?: string }
  | {
      pattern: 'weekly';
      interval: number;
      daysOfWeek: DayOfWeek[];
      occurrences?: number;
      until?: number;
      timeZone?: string;
    };

const DAY = 86_400_000;
/** Hard cap so a series without an end never loops forever. */
const MAX_OCCURRENCES = 10_000;

const zones = new Map<string, EwsTimeZone>();

/** The zone a series expands in, or undefined for UTC (no conversion at all). */
function seriesZone(rule: Recurrence): EwsTimeZone | undefined {
  const id = rule.timeZone;
  if (id === undefined || id === 'UTC') return undefined;
  let zone = zones.get(id);
  if (!zone) {
    zone = resolveTimeZone(id);
    zones.set(id, zone);
  }
  return zone;
}

/** Local start times of a series whose first occurrence starts at local `first`, without end. */
function* localStarts(first: number, rule: Recurrence): Generator<number> {
  if (rule.pattern === 'daily') {
    for (let t = first; ; t += rule.interval * DAY) yield t;
  }
  const days = new Set(rule.daysOfWeek.map((d) => DAYS_OF_WEEK.indexOf(d)));
  if (days.size === 0) return;
  const weekStart = first - new Date(first).getUTCDay() * DAY;
  for (let week = 0; ; week += rule.interval) {
    for (let dow = 0; dow < 7; dow++) {
      const t = weekStart + (week * 7 + dow) * DAY;
      if (days.has(dow) && t >= first) yield t;
    }
  }
}

/**
 * Start times of occurrences of a series whose first occurrence starts at `firstStart`, in order,
 * stopping after `to` (exclusive) or when the series ends. Days are stepped in the series' zone, so a
 * 09:00 meeting stays at 09:00 local across daylight-saving changes.
 */
export function* occurrenceStarts(firstStart: number, rule: Recurrence, to: number): Generator<number> {
  const limit = Math.min(rule.occurrences ?? MAX_OCCURRENCES, MAX_OCCURRENCES);
  const until = rule.until ?? Number.POSITIVE_INFINITY;
  const zone = seriesZone(rule);
  const shift = zone ? zone.offsetAt(firstStart) : 0;
  let count = 0;
  for (const local of localStarts(firstStart + shift, rule)) {
    const t = zone ? localToUtc(local, zone) : local;
    if (!(t < to && t <= until && count < limit)) return;
    count++;
    yield t;
  }
}
