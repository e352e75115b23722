import { EwsError } from '../../ews/errors.ts';
import { type EwsTimeZone, localToUtc, resolveTimeZone, UTC_ZONE } from '../../ews/time-zones.ts';
import type { XmlElement } from '../../ews/xml-element.ts';
import { el, txt } from '../../ews/xml-writer.ts';
import {
  DAY_OF_WEEK_INDEXES,
  DAYS_OF_WEEK,
  type DayOfWeek,
  type DayOfWeekIndex,
  MONTHS,
  occurrenceStarts,
  type Recurrence,
} from '../recurrence.ts';
import { parseDate, parseEnum, parseInteger, schemaError } from './request-values.ts';

const DAY = 86_400_000;
const PATTERNS = [
  'RelativeYearlyRecurrence',
  'AbsoluteYearlyRecurrence',
  'RelativeMonthlyRecurrence',
  'AbsoluteMonthlyRecurrence',
  'WeeklyRecurrence',
  'DailyRecurrence',
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

/** The days a DaysOfWeek value names (a list of days and groups), in week order. */
function parseDays(text: string | undefined, where: string): DayOfWeek[] {
  const names = (text ?? '').split(/\s+/).filter(Boolean);
  if (names.length === 0) throw invalid(where, 'DaysOfWeek names no day');
  const days = new Set<DayOfWeek>();
  for (const d of names) {
    const group = DAY_GROUPS[d] ?? (DAYS_OF_WEEK.includes(d as DayOfWeek) ? [d as DayOfWeek] : undefined);
    if (!group) throw schemaError(`${where}/DaysOfWeek`, `"${d}" is not a day of the week`);
    for (const g of group) days.add(g);
  }
  return DAYS_OF_WEEK.filter((d) => days.has(d));
}

/** The day or group a relative pattern's DaysOfWeek writes: one day, Day, Weekday or WeekendDay. */
export function dayOfWeekName(days: readonly DayOfWeek[]): string | undefined {
  if (days.length === 1) return days[0];
  const key = days.join(' ');
  return Object.entries(DAY_GROUPS).find(
    ([, group]) => DAYS_OF_WEEK.filter((d) => group.includes(d)).join(' ') === key,
  )?.[0];
}

function parseDayOfMonth(pattern: XmlElement, at: string): number {
  const day = parseInteger(pattern.textAt('DayOfMonth'), `${at}/DayOfMonth`);
  if (day < 1 || day > 31) throw invalid(at, `DayOfMonth must be 1 to 31, not ${day}`);
  return day;
}

function parseMonth(pattern: XmlElement, at: string): number {
  return MONTHS.indexOf(parseEnum(pattern.textAt('Month')?.trim(), MONTHS, `${at}/Month`)) + 1;
}

/** DaysOfWeek and DayOfWeekIndex of a relative pattern: one t:DayOfWeekType value (a day or a group). */
function parseRelative(pattern: XmlElement, at: string): { daysOfWeek: DayOfWeek[]; index: DayOfWeekIndex } {
  const text = pattern.textAt('DaysOfWeek')?.trim() ?? '';
  if (/\s/.test(text))
    throw schemaError(`${at}/DaysOfWeek`, `holds one day or Day, Weekday or WeekendDay, not "${text}"`);
  const daysOfWeek = parseDays(text, at);
  const index = parseEnum(pattern.textAt('DayOfWeekIndex')?.trim(), DAY_OF_WEEK_INDEXES, `${at}/DayOfWeekIndex`);
  return { daysOfWeek, index };
}

/** The pattern part of a rule, from a t:*Recurrence pattern element. */
function parsePattern(pattern: XmlElement, where: string): Recurrence {
  const at = `${where}/${pattern.name}`;
  if (pattern.name === 'AbsoluteYearlyRecurrence')
    return {
      pattern: 'absoluteYearly',
      interval: 1,
      dayOfMonth: parseDayOfMonth(pattern, at),
      month: parseMonth(pattern, at),
    };
  if (pattern.name === 'RelativeYearlyRecurrence')
    return { pattern: 'relativeYearly', interval: 1, ...parseRelative(pattern, at), month: parseMonth(pattern, at) };
  const interval = parseInteger(pattern.textAt('Interval'), `${at}/Interval`);
  if (interval < 1) throw invalid(at, `Interval must be at least 1, not ${interval}`);
  switch (pattern.name) {
    case 'DailyRecurrence':
      return { pattern: 'daily', interval };
    case 'WeeklyRecurrence':
      return { pattern: 'weekly', interval, daysOfWeek: parseDays(pattern.textAt('DaysOfWeek'), at) };
    case 'AbsoluteMonthlyRecurrence':
      return { pattern: 'absoluteMonthly', interval, dayOfMonth: parseDayOfMonth(pattern, at) };
    default:
      return { pattern: 'relativeMonthly', interval, ...parseRelative(pattern, at) };
  }
}

/** Parse t:Recurrence (a pattern, then a range). */
export function parseRecurrence(recurrenceEl: XmlElement, where: string): ParsedRecurrence {
  const pattern = recurrenceEl.children.find((c) => PATTERNS.includes(c.name));
  const range = recurrenceEl.children.find((c) => RANGES.includes(c.name));
  if (!pattern || !range) throw schemaError(where, 'needs one recurrence pattern and one recurrence range');
  const rule = parsePattern(pattern, where);

  const rangeAt = `${where}/${range.name}`;
  const from = parseDate(range.textAt('StartDate'), `${rangeAt}/StartDate`);
  if (range.name === 'NumberedRecurrence') {
    rule.occurrences = parseInteger(range.textAt('NumberOfOccurrences'), `${rangeAt}/NumberOfOccurrences`);
    if (rule.occurrences < 1) throw invalid(rangeAt, `NumberOfOccurrences must be at least 1, not ${rule.occurrences}`);
  } else if (range.name === 'EndDateRecurrence') {
    const endDate = parseDate(range.textAt('EndDate'), `${rangeAt}/EndDate`);
    if (endDate < from) throw invalid(rangeAt, 'EndDate is earlier than StartDate');
    // EndDate is a day: occurrences starting at any time on that day belong to the series.
    rule.until = endDate + DAY - 1;
  }
  const localStart = /^\d{4}-\d{2}-\d{2}$/.test(range.textAt('StartDate')?.trim() ?? '');
  return { rule, from, localStart };
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
  const pattern = patternXml(rule);
  const startDate = txt('t:StartDate', ewsDate(start, zone));
  const range =
    rule.occurrences !== undefined
      ? el('t:NumberedRecurrence', null, startDate, txt('t:NumberOfOccurrences', rule.occurrences))
      : rule.until !== undefined
        ? el('t:EndDateRecurrence', null, startDate, txt('t:EndDate', ewsDate(rule.until, zone, true)))
        : el('t:NoEndRecurrence', null, startDate);
  return el('t:Recurrence', null, pattern, range);
}

/** The pattern element of a rule, children in types.xsd order (Interval first, where the pattern has one). */
function patternXml(rule: Recurrence): string {
  const interval = txt('t:Interval', rule.interval);
  switch (rule.pattern) {
    case 'daily':
      return el('t:DailyRecurrence', null, interval);
    case 'weekly':
      return el(
        't:WeeklyRecurrence',
        null,
        interval,
        txt('t:DaysOfWeek', rule.daysOfWeek.join(' ')),
        // Weeks of an interval > 1 are counted from Sunday by the expansion in recurrence.ts.
        txt('t:FirstDayOfWeek', 'Sunday'),
      );
    case 'absoluteMonthly':
      return el('t:AbsoluteMonthlyRecurrence', null, interval, txt('t:DayOfMonth', rule.dayOfMonth));
    case 'relativeMonthly':
      return el(
        't:RelativeMonthlyRecurrence',
        null,
        interval,
        txt('t:DaysOfWeek', dayOfWeekName(rule.daysOfWeek)),
        txt('t:DayOfWeekIndex', rule.index),
      );
    case 'absoluteYearly':
      return el(
        't:AbsoluteYearlyRecurrence',
        null,
        txt('t:DayOfMonth', rule.dayOfMonth),
        txt('t:Month', MONTHS[rule.month - 1]),
      );
    case 'relativeYearly':
      return el(
        't:RelativeYearlyRecurrence',
        null,
        txt('t:DaysOfWeek', dayOfWeekName(rule.daysOfWeek)),
        txt('t:DayOfWeekIndex', rule.index),
        txt('t:Month', MONTHS[rule.month - 1]),
      );
  }
}
