import ICAL from 'ical.js';
import { EwsError } from '../../ews/errors.ts';
import { resolveTimeZone } from '../../ews/time-zones.ts';
import { DAYS_OF_WEEK, type DayOfWeek, type DayOfWeekIndex, type Recurrence } from '../recurrence.ts';

/** RRULE ↔ the store's recurrence patterns, as Exchange maps them (RFC 5545 §3.3.10). */
const DAY_CODES = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'] as const;
/** DayOfWeekIndex as an RRULE ordinal (BYDAY prefix or BYSETPOS). */
const ORDINALS: Readonly<Record<DayOfWeekIndex, number>> = { First: 1, Second: 2, Third: 3, Fourth: 4, Last: -1 };
const GROUPS = [
  DAYS_OF_WEEK.join(','),
  'Monday,Tuesday,Wednesday,Thursday,Friday',
  'Sunday,Saturday',
] as readonly string[];

const code = (d: DayOfWeek) => DAY_CODES[DAYS_OF_WEEK.indexOf(d)];

/** BYDAY (and BYSETPOS) of a relative pattern: "-1FR" for one day, "MO,...,FR;BYSETPOS=1" for a group. */
function relativeParts(days: readonly DayOfWeek[], index: DayOfWeekIndex): string[] {
  const n = ORDINALS[index];
  if (days.length === 1) return [`BYDAY=${n}${code(days[0]!)}`];
  return [`BYDAY=${days.map(code).join(',')}`, `BYSETPOS=${n}`];
}

/** The RRULE of a rule: UNTIL or COUNT, INTERVAL, then the BY parts of its pattern. */
export function ruleToRrule(rule: Recurrence, untilText: (utc: number) => string): ICAL.Recur {
  const freq = { daily: 'DAILY', weekly: 'WEEKLY', absoluteMonthly: 'MONTHLY', relativeMonthly: 'MONTHLY' } as const;
  const parts: string[] = [`FREQ=${rule.pattern in freq ? freq[rule.pattern as keyof typeof freq] : 'YEARLY'}`];
  if (rule.until !== undefined) parts.push(`UNTIL=${untilText(rule.until)}`);
  if (rule.occurrences !== undefined) parts.push(`COUNT=${rule.occurrences}`);
  parts.push(`INTERVAL=${rule.interval}`);
  switch (rule.pattern) {
    case 'weekly':
      parts.push(`BYDAY=${rule.daysOfWeek.map(code).join(',')}`);
      // Weeks of an interval > 1 are counted from Sunday (recurrence.ts), as Exchange's default FirstDayOfWeek.
      parts.push('WKST=SU');
      break;
    case 'absoluteMonthly':
      parts.push(`BYMONTHDAY=${rule.dayOfMonth}`);
      break;
    case 'relativeMonthly':
      parts.push(...relativeParts(rule.daysOfWeek, rule.index));
      break;
    case 'absoluteYearly':
      parts.push(`BYMONTHDAY=${rule.dayOfMonth}`, `BYMONTH=${rule.month}`);
      break;
    case 'relativeYearly':
      parts.push(...relativeParts(rule.daysOfWeek, rule.index), `BYMONTH=${rule.month}`);
      break;
  }
  return ICAL.Recur.fromString(parts.join(';'));
}

type Range = Pick<Recurrence, 'occurrences' | 'until' | 'timeZone'>;

/**
 * A rule from an RRULE: DAILY; WEEKLY (BYDAY on plain days); MONTHLY on one BYMONTHDAY or one BYDAY with an
 * ordinal, or days with one BYSETPOS; YEARLY likewise with one BYMONTH. What EWS cannot express (several month
 * days, INTERVAL on YEARLY, BYHOUR...) is ErrorUnsupportedRecurrence. `start` (UTC) fills parts the rule leaves to
 * DTSTART, read in `zone`.
 */
export function rruleToRule(recur: ICAL.Recur, start: number, range: Range, zone: string, where: string): Recurrence {
  const text = recur.toString();
  const unsupported = (why: string) =>
    new EwsError('ErrorUnsupportedRecurrence', {
      message: `${where}: RRULE "${text}" cannot be an Exchange recurrence: ${why}.`,
    });
  const parts = recur.parts as Record<string, (string | number)[] | undefined>;
  const allowed: Record<string, readonly string[]> = {
    DAILY: [],
    WEEKLY: ['BYDAY'],
    MONTHLY: ['BYDAY', 'BYMONTHDAY', 'BYSETPOS'],
    YEARLY: ['BYDAY', 'BYMONTHDAY', 'BYSETPOS', 'BYMONTH'],
  };
  const freq = recur.freq;
  const ok = allowed[freq];
  if (!ok) throw unsupported(`FREQ=${freq} is not a pattern Exchange has (DAILY, WEEKLY, MONTHLY, YEARLY)`);
  const extra = Object.keys(parts).find((p) => !ok.includes(p));
  if (extra) throw unsupported(`${extra} is not part of a ${freq} pattern in Exchange`);
  const interval = recur.interval ?? 1;
  const local = new Date(start + resolveTimeZone(zone).offsetAt(start));
  const byday = parts.BYDAY?.map(String) ?? [];
  if (freq === 'DAILY') return { pattern: 'daily', interval, ...range };
  if (freq === 'WEEKLY') {
    const days = new Set<DayOfWeek>();
    for (const c of byday) {
      const i = DAY_CODES.indexOf(c as (typeof DAY_CODES)[number]);
      if (i < 0) throw unsupported(`BYDAY "${c}" is not a plain day in a weekly pattern`);
      days.add(DAYS_OF_WEEK[i]!);
    }
    // RFC 5545: a weekly rule without BYDAY repeats on DTSTART's day.
    if (days.size === 0) days.add(DAYS_OF_WEEK[local.getUTCDay()]!);
    return { pattern: 'weekly', interval, daysOfWeek: DAYS_OF_WEEK.filter((d) => days.has(d)), ...range };
  }
  const single = (name: string): number | undefined => {
    const v = parts[name];
    if (v === undefined) return undefined;
    if (v.length !== 1) throw unsupported(`${name} must hold one value`);
    return Number(v[0]);
  };
  const monthDay = single('BYMONTHDAY');
  const setPos = single('BYSETPOS');
  if (monthDay !== undefined && (byday.length > 0 || setPos !== undefined))
    throw unsupported('BYMONTHDAY cannot be combined with BYDAY or BYSETPOS');
  if (monthDay !== undefined && !(monthDay >= 1 && monthDay <= 31))
    throw unsupported(`BYMONTHDAY=${monthDay} is not a day 1 to 31`);
  const relative = byday.length > 0 ? relativeOf(byday, setPos, unsupported) : undefined;
  if (!relative && setPos !== undefined) throw unsupported('BYSETPOS needs BYDAY');
  if (freq === 'MONTHLY') {
    if (relative) return { pattern: 'relativeMonthly', interval, ...relative, ...range };
    return { pattern: 'absoluteMonthly', interval, dayOfMonth: monthDay ?? local.getUTCDate(), ...range };
  }
  if (interval !== 1) throw unsupported('a yearly pattern in Exchange repeats every year (no INTERVAL)');
  const month = single('BYMONTH') ?? (relative ? undefined : local.getUTCMonth() + 1);
  if (month === undefined) throw unsupported('BYDAY in a yearly rule needs BYMONTH');
  if (relative) return { pattern: 'relativeYearly', interval: 1, ...relative, month, ...range };
  return { pattern: 'absoluteYearly', interval: 1, dayOfMonth: monthDay ?? local.getUTCDate(), month, ...range };
}

/** One BYDAY with an ordinal ("-1FR", "2TU"), or days without ordinals and one BYSETPOS. */
function relativeOf(
  byday: readonly string[],
  setPos: number | undefined,
  unsupported: (why: string) => EwsError,
): { daysOfWeek: DayOfWeek[]; index: DayOfWeekIndex } {
  const indexOf = (n: number) => {
    const index = (Object.keys(ORDINALS) as DayOfWeekIndex[]).find((k) => ORDINALS[k] === n);
    if (!index) throw unsupported(`position ${n} is not First..Fourth or Last (1..4, -1)`);
    return index;
  };
  const parsed = byday.map((c) => /^([+-]?\d{1,2})?(SU|MO|TU|WE|TH|FR|SA)$/.exec(c));
  if (parsed.some((m) => !m)) throw unsupported(`BYDAY "${byday.join(',')}" is not a list of days`);
  const days = parsed.map((m) => DAYS_OF_WEEK[DAY_CODES.indexOf(m![2] as (typeof DAY_CODES)[number])]!);
  const ordinals = parsed.map((m) => m![1]);
  if (ordinals.some((o) => o !== undefined)) {
    if (byday.length !== 1 || setPos !== undefined) throw unsupported('an ordinal BYDAY must name one day alone');
    return { daysOfWeek: days, index: indexOf(Number(ordinals[0])) };
  }
  if (setPos === undefined) throw unsupported('BYDAY without an ordinal needs BYSETPOS in a monthly or yearly rule');
  const ordered = DAYS_OF_WEEK.filter((d) => days.includes(d));
  if (ordered.length > 1 && !GROUPS.includes(ordered.join(',')))
    throw unsupported('BYSETPOS applies to one day, all days, weekdays or weekend days only');
  return { daysOfWeek: ordered, index: indexOf(setPos) };
}
