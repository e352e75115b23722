import { type EwsTimeZone, localToUtc, resolveTimeZone } from '../ews/time-zones.ts';

/**
 * Recurrence patterns as Exchange offers them (daily, weekly, absolute and relative monthly and yearly), expanded
 * into occurrence start times (UTC) in the series' own time zone.
 */
export const DAYS_OF_WEEK = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;
export type DayOfWeek = (typeof DAYS_OF_WEEK)[number];
/** t:DayOfWeekIndexType: which of the month's matching days (Last is the last one). */
export const DAY_OF_WEEK_INDEXES = ['First', 'Second', 'Third', 'Fourth', 'Last'] as const;
export type DayOfWeekIndex = (typeof DAY_OF_WEEK_INDEXES)[number];
/** t:MonthNamesType; a rule keeps the month as 1..12. */
export const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/** `timeZone`: the series' zone (Windows id or IANA name); occurrences keep its wall-clock time. Absent: UTC. */
interface RangeFields {
  occurrences?: number;
  until?: number;
  timeZone?: string;
}

/**
 * `daysOfWeek` of a relative pattern is one day, or the days Day (all seven), Weekday (Monday..Friday) or
 * WeekendDay (Saturday, Sunday) stand for; `index` picks among the month's days in that set. Yearly patterns
 * repeat every year (EWS gives them no Interval; `interval` is 1).
 */
export type Recurrence = RangeFields &
  (
    | { pattern: 'daily'; interval: number }
    | { pattern: 'weekly'; interval: number; daysOfWeek: DayOfWeek[] }
    | { pattern: 'absoluteMonthly'; interval: number; dayOfMonth: number }
    | { pattern: 'relativeMonthly'; interval: number; daysOfWeek: DayOfWeek[]; index: DayOfWeekIndex }
    | { pattern: 'absoluteYearly'; interval: 1; dayOfMonth: number; month: number }
    | { pattern: 'relativeYearly'; interval: 1; daysOfWeek: DayOfWeek[]; index: DayOfWeekIndex; month: number }
  );

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

/** Days in month `month0` (0-based) of `year`. */
function daysInMonth(year: number, month0: number): number {
  return new Date(Date.UTC(year, month0 + 1, 0)).getUTCDate();
}

/**
 * The day of the month a monthly or yearly pattern falls on. A DayOfMonth past the month's end falls on its last
 * day (the 31st of every month is 30 April, 28 or 29 February), as Outlook and Exchange lay such series out.
 */
export function patternDay(
  rule: { dayOfMonth: number } | { daysOfWeek: readonly DayOfWeek[]; index: DayOfWeekIndex },
  year: number,
  month0: number,
): number {
  const last = daysInMonth(year, month0);
  if ('dayOfMonth' in rule) return Math.min(rule.dayOfMonth, last);
  const firstDow = new Date(Date.UTC(year, month0, 1)).getUTCDay();
  const wanted = new Set(rule.daysOfWeek.map((d) => DAYS_OF_WEEK.indexOf(d)));
  const matching: number[] = [];
  for (let day = 1; day <= last; day++) if (wanted.has((firstDow + day - 1) % 7)) matching.push(day);
  const i = DAY_OF_WEEK_INDEXES.indexOf(rule.index);
  // Every month has at least four of each weekday, so First..Fourth always exist.
  return rule.index === 'Last' ? matching[matching.length - 1]! : matching[i]!;
}

/** Local start times of a series whose first occurrence starts at local `first`, without end. */
function* localStarts(first: number, rule: Recurrence): Generator<number> {
  if (rule.pattern === 'daily') {
    for (let t = first; ; t += rule.interval * DAY) yield t;
  }
  if (rule.pattern === 'weekly') {
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
  // Monthly and yearly: step whole months from the first occurrence's month, at its local time of day.
  const d = new Date(first);
  const timeOfDay = first - Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  const yearly = rule.pattern === 'absoluteYearly' || rule.pattern === 'relativeYearly';
  const step = yearly ? 12 : rule.interval;
  let month = d.getUTCFullYear() * 12 + (yearly ? rule.month - 1 : d.getUTCMonth());
  for (; ; month += step) {
    const year = Math.floor(month / 12);
    const month0 = month % 12;
    const t = Date.UTC(year, month0, patternDay(rule, year, month0)) + timeOfDay;
    // A rule that names no real day (never stored: validateNewItem refuses it) must not loop forever.
    if (!Number.isFinite(t)) return;
    if (t >= first) yield t;
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
