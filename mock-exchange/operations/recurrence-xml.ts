import { EwsError } from '../../ews/errors.ts';
import { type EwsTimeZone, localToUtc, resolveTimeZone, UTC_ZONE } from '../../ews/time-zones.ts';
import type { XmlElement } from '../../ews/xml-element.ts';
import { el, txt } from '../../ews/xml-writer.ts';
import { DAYS_OF_WEEK, type DayOfWeek, occurrenceStarts, type Recurrence } from '../recurrence.ts';
import { parseDate, parseInteger, schemaError } from './request-values.ts';

const DAY = 86_400_000;
const SUPPORTED_PATTERNS = ['DailyRecurrence', 'WeeklyRecurrence'];
const OTHER_PATTERNS = [
  'RelativeYearlyRecurrence',
  'AbsoluteYearlyRecurrence',
  'RelativeMonthlyRecurrence',
  'AbsoluteMonthlyRecurrence',
];
const RANGES = ['NoEndRecurrence', 'EndDateRecurrence', 'NumberedRecurrence'];

/** A t:Recurrence as the request states it: the rule, and the range's StartDate (midnight, ms). */
export interface ParsedRecurrence {
  rule: Recurrence;
  from: number;
  /** StartDate came without an offset: a day of the series' own zone (`from` is then its UTC midnight). */
  localStart?: boolean;
}

/** t:DayOfWeekType values that name several days (DaysOfWeekType is a space-separated list of them). */
const DAY_GROUPS: Readonly<Record<string, readonly DayOfWeek[]>> = {
  Day: DAYS_OF_WEEK,
  Weekday: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'],
  WeekendDay: ['Sunday', 'Saturday'],
};

function invalid(where: string, problem: string): EwsError {
  return new EwsError('ErrorCalendarInvalidRecurrence', { message: `${where}: ${problem}.` });
}

/** Parse t:Recurrence (a pattern, then a range). Only daily and weekly patterns are expanded by this mock. */
export function parseRecurrence(recurrenceEl: XmlElement, where: string): ParsedRecurrence {
  const pattern = recurrenceEl.children.find(
    (c) => SUPPORTED_PATTERNS.includes(c.name) || OTHER_PATTERNS.includes(c.name),
  );
  const range = recurrenceEl.children.find((c) => RANGES.includes(c.name));
  if (!pattern || !range) throw schemaError(where, 'needs one recurrence pattern and one recurrence range');
  if (OTHER_PATTERNS.includes(pattern.name)) {
    throw new EwsError('ErrorUnsupportedRecurrence', {
      message: `${where}: ${pattern.name} is not supported by this mock Exchange; use DailyRecurrence or WeeklyRecurrence.`,
    });
  }
  const at = `${where}/${pattern.name}`;
  const interval = parseInteger(pattern.textAt('Interval'), `${at}/Interval`);
  if (interval < 1) throw invalid(at, `Interval must be at least 1, not ${interval}`);

  const rangeAt = `${where}/${range.name}`;
  const from = parseDate(range.textAt('StartDate'), `${rangeAt}/StartDate`);
  let occurrences: number | undefined;
  let until: number | undefined;
  if (range.name === 'NumberedRecurrence') {
    occurrences = parseInteger(range.textAt('NumberOfOccurrences'), `${rangeAt}/NumberOfOccurrences`);
    if (occurrences < 1) throw invalid(rangeAt, `NumberOfOccurrences must be at least 1, not ${occurrences}`);
  } else if (range.name === 'EndDateRecurrence') {
    const endDate = parseDate(range.textAt('EndDate'), `${rangeAt}/EndDate`);
    if (endDate < from) throw invalid(rangeAt, 'EndDate is earlier than StartDate');
    // EndDate is a day: occurrences starting at any time on that day belong to the series.
    until = endDate + DAY - 1;
  }

  const localStart = /^\d{4}-\d{2}-\d{2}$/.test(range.textAt('StartDate')?.trim() ?? '');
  if (pattern.name === 'DailyRecurrence')
    return { rule: { pattern: 'daily', interval, occurrences, until }, from, localStart };
  const days = (pattern.textAt('DaysOfWeek') ?? '').split(/\s+/).filter(Boolean);
  if (days.length === 0) throw invalid(at, 'DaysOfWeek names no day');
  const daysOfWeek = new Set<DayOfWeek>();
  for (const d of days) {
    const group = DAY_GROUPS[d] ?? (DAYS_OF_WEEK.includes(d as DayOfWeek) ? [d as DayOfWeek] : undefined);
    if (!group) throw schemaError(`${at}/DaysOfWeek`, `"${d}" is not a day of the week`);
    for (const g of group) daysOfWeek.add(g);
  }
  const ordered = DAYS_OF_WEEK.filter((d) => daysOfWeek.has(d));
  return { rule: { pattern: 'weekly', interval, daysOfWeek: ordered, occurrences, until }, from, localStart };
}

/**
 * Move a series' first instance to its first real occurrence on or after both Start and the range StartDate,
 * as Exchange stores a recurring master. The occurrence lattice is unchanged, so counts start from there.
 */
export function anchorSeries(
  start: number,
  end: number,
  parsed: ParsedRecurrence,
  where: string,
): { start: number; end: number } {
  // The series is laid out in its own zone: a zone-less StartDate is that zone's day, weekdays are its weekdays.
  const zone = resolveTimeZone(parsed.rule.timeZone);
  const from = Math.max(start, parsed.localStart ? localToUtc(parsed.from, zone) : parsed.from);
  const open = { ...parsed.rule, occurrences: undefined, until: undefined };
  for (const t of occurrenceStarts(start, open, Number.POSITIVE_INFINITY)) {
    if (t < from) continue;
    if (parsed.rule.until !== undefined && t > parsed.rule.until) break;
    return { start: t, end: t + (end - start) };
  }
  throw invalid(where, 'the series has no occurrence');
}

/**
 * An xs:date for an instant: the day it falls on in `zone` (in UTC when `utcDay`), with that zone's offset then
 * ("2030-05-06+10:00"), as Exchange writes a series' dates; Z in UTC.
 */
export function ewsDate(ms: number, zone: EwsTimeZone = UTC_ZONE, utcDay = false): string {
  const offset = zone.offsetAt(ms);
  const day = new Date(utcDay ? ms : ms + offset).toISOString().slice(0, 10);
  if (offset === 0) return `${day}Z`;
  const abs = Math.abs(offset) / 60_000;
  const hhmm = `${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return `${day}${offset < 0 ? '-' : '+'}${hhmm}`;
}

/**
 * t:Recurrence for a series whose first occurrence starts at `start`: StartDate is that occurrence's day in
 * `zone`; EndDate the day the request named (kept as a UTC day), both with the zone's offset.
 */
export function recurrenceXml(start: number, rule: Recurrence, zone: EwsTimeZone = UTC_ZONE): string {
  const pattern =
    rule.pattern === 'daily'
      ? el('t:DailyRecurrence', null, txt('t:Interval', rule.interval))
      : el(
          't:WeeklyRecurrence',
          null,
          txt('t:Interval', rule.interval),
          txt('t:DaysOfWeek', rule.daysOfWeek.join(' ')),
          // Weeks of an interval > 1 are counted from Sunday by the expansion in recurrence.ts.
          txt('t:FirstDayOfWeek', 'Sunday'),
        );
  const startDate = txt('t:StartDate', ewsDate(start, zone));
  const range =
    rule.occurrences !== undefined
      ? el('t:NumberedRecurrence', null, startDate, txt('t:NumberOfOccurrences', rule.occurrences))
      : rule.until !== undefined
        ? el('t:EndDateRecurrence', null, startDate, txt('t:EndDate', ewsDate(rule.until, zone, true)))
        : el('t:NoEndRecurrence', null, startDate);
  return el('t:Recurrence', null, pattern, range);
}
