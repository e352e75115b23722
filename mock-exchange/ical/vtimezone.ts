import ICAL from 'ical.js';
import { resolveTimeZone } from '../../ews/time-zones.ts';
import { type WindowsZone, windowsZone, type YearlyRule } from '../../ews/windows-time-zones.ts';

const BYDAY: Readonly<Record<string, string>> = {
  Sunday: 'SU',
  Monday: 'MO',
  Tuesday: 'TU',
  Wednesday: 'WE',
  Thursday: 'TH',
  Friday: 'FR',
  Saturday: 'SA',
};

/** A UTC offset in minutes as iCalendar writes it: +0100, -0530. */
export function icalOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
}

/** One STANDARD or DAYLIGHT observance, dated 1601 as Exchange writes them (the Windows epoch). */
function observance(
  kind: 'standard' | 'daylight',
  from: number,
  to: number,
  rule: YearlyRule | undefined,
): ICAL.Component {
  const c = new ICAL.Component(kind);
  const minutes = rule?.minutes ?? 0;
  const hour = Math.floor(minutes / 60);
  c.addPropertyWithValue('dtstart', ICAL.Time.fromData({ year: 1601, month: 1, day: 1, hour, minute: minutes % 60 }));
  c.addPropertyWithValue('tzoffsetfrom', ICAL.UtcOffset.fromString(icalOffset(from)));
  c.addPropertyWithValue('tzoffsetto', ICAL.UtcOffset.fromString(icalOffset(to)));
  if (rule) {
    const recur = ICAL.Recur.fromString(
      `FREQ=YEARLY;INTERVAL=1;BYDAY=${rule.occurrence}${BYDAY[rule.day]};BYMONTH=${rule.month}`,
    );
    c.addPropertyWithValue('rrule', recur);
  }
  return c;
}

function fromWindowsZone(z: WindowsZone): ICAL.Component {
  const tz = new ICAL.Component('vtimezone');
  tz.addPropertyWithValue('tzid', z.id);
  const standard = -z.bias;
  if (!z.daylight) {
    tz.addSubcomponent(observance('standard', standard, standard, undefined));
    return tz;
  }
  tz.addSubcomponent(observance('standard', standard + 60, standard, z.daylight.end));
  tz.addSubcomponent(observance('daylight', standard, standard + 60, z.daylight.start));
  return tz;
}

/**
 * VTIMEZONE for a zone id: a Windows zone with the registry's yearly rule, as Exchange writes it; an IANA
 * name without a Windows entry gets its offset at `at` as a fixed standard observance.
 */
export function vtimezone(zoneId: string, at: number): ICAL.Component {
  const z = windowsZone(zoneId);
  if (z) return fromWindowsZone(z);
  const minutes = Math.round(resolveTimeZone(zoneId).offsetAt(at) / 60_000);
  return fromWindowsZone({ id: zoneId, name: zoneId, bias: -minutes });
}
