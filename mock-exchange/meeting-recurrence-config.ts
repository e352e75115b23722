import { MockExchangeError } from './mock-exchange-error.ts';
import {
  DAY_OF_WEEK_INDEXES,
  DAYS_OF_WEEK,
  type DayOfWeek,
  type DayOfWeekIndex,
  MONTHS,
  type Recurrence,
} from './recurrence.ts';

/** The patterns a meeting's `recurrence.pattern` names in the organization file and the admin API. */
export const CONFIG_PATTERNS = [
  'daily',
  'weekly',
  'absoluteMonthly',
  'relativeMonthly',
  'absoluteYearly',
  'relativeYearly',
] as const;

/** A meeting's recurrence as configured: the pattern's own fields; times are parsed by the caller. */
export type RecurrenceConfig = {
  interval?: number;
  occurrences?: number;
  until?: string;
} & (
  | { pattern: 'daily' }
  | { pattern: 'weekly'; daysOfWeek: DayOfWeek[] }
  | { pattern: 'absoluteMonthly'; dayOfMonth: number }
  | { pattern: 'relativeMonthly'; daysOfWeek: DayOfWeek[]; index: DayOfWeekIndex }
  | { pattern: 'absoluteYearly'; dayOfMonth: number; month: number | (typeof MONTHS)[number] }
  | {
      pattern: 'relativeYearly';
      daysOfWeek: DayOfWeek[];
      index: DayOfWeekIndex;
      month: number | (typeof MONTHS)[number];
    }
);

type Range = { interval: number; occurrences?: number; until?: number; timeZone?: string };

const bad = (path: string, problem: string) => MockExchangeError.at('INVALID_CONFIG', path, problem);

function integerIn(value: unknown, path: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
    throw bad(path, `${JSON.stringify(value)} is not a whole number from ${min} to ${max}`);
  return value;
}

function days(value: unknown, path: string): DayOfWeek[] {
  if (!Array.isArray(value) || value.length === 0)
    throw bad(path, `must list days of the week (${DAYS_OF_WEEK.join(', ')})`);
  for (const [i, d] of value.entries()) {
    if (!DAYS_OF_WEEK.includes(d))
      throw bad(`${path}[${i}]`, `"${String(d)}" is not one of ${DAYS_OF_WEEK.join(', ')}`);
  }
  return value as DayOfWeek[];
}

function weekIndex(value: unknown, path: string): DayOfWeekIndex {
  if (!DAY_OF_WEEK_INDEXES.includes(value as DayOfWeekIndex))
    throw bad(path, `"${String(value)}" is not one of ${DAY_OF_WEEK_INDEXES.join(', ')}`);
  return value as DayOfWeekIndex;
}

/** A month by number (1-12) or English name (January..December), as 1..12. */
function month(value: unknown, path: string): number {
  const named = typeof value === 'string' ? MONTHS.indexOf(value as (typeof MONTHS)[number]) : -1;
  if (named >= 0) return named + 1;
  if (typeof value === 'string') throw bad(path, `"${value}" is not a month (1-12 or ${MONTHS.join(', ')})`);
  return integerIn(value, path, 1, 12);
}

/**
 * A configured recurrence as the store keeps it, each field checked and named (`path.dayOfMonth`...) when wrong.
 * `range` carries the interval, end and zone the caller parsed.
 */
export function configRecurrence(r: RecurrenceConfig, range: Range, path: string): Recurrence {
  const at = (field: string) => `${path}.${field}`;
  const c = r as Record<string, unknown>;
  switch (r.pattern) {
    case 'daily':
      return { pattern: 'daily', ...range };
    case 'weekly':
      return { pattern: 'weekly', ...range, daysOfWeek: days(c.daysOfWeek ?? [], at('daysOfWeek')) };
    case 'absoluteMonthly':
      return { pattern: 'absoluteMonthly', ...range, dayOfMonth: integerIn(c.dayOfMonth, at('dayOfMonth'), 1, 31) };
    case 'relativeMonthly':
      return {
        pattern: 'relativeMonthly',
        ...range,
        daysOfWeek: days(c.daysOfWeek, at('daysOfWeek')),
        index: weekIndex(c.index, at('index')),
      };
    case 'absoluteYearly':
    case 'relativeYearly': {
      // EWS yearly patterns carry no Interval: every year.
      if (range.interval !== 1) throw bad(at('interval'), 'yearly patterns repeat every year (interval 1)');
      const m = month(c.month, at('month'));
      if (r.pattern === 'absoluteYearly')
        return {
          pattern: 'absoluteYearly',
          ...range,
          interval: 1,
          dayOfMonth: integerIn(c.dayOfMonth, at('dayOfMonth'), 1, 31),
          month: m,
        };
      return {
        pattern: 'relativeYearly',
        ...range,
        interval: 1,
        daysOfWeek: days(c.daysOfWeek, at('daysOfWeek')),
        index: weekIndex(c.index, at('index')),
        month: m,
      };
    }
    default:
      throw bad(at('pattern'), `"${String(c.pattern)}" is not one of ${CONFIG_PATTERNS.join(', ')}`);
  }
}
