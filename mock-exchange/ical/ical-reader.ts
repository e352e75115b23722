import ICAL from 'ical.js';
import { EwsError } from '../../ews/errors.ts';
import { resolveTimeZone, wallClockToUtc } from '../../ews/time-zones.ts';
import { WINDOWS_ZONES } from '../../ews/windows-time-zones.ts';
import type { Attendee, AttendeeList, LegacyFreeBusyStatus, ModifiedOccurrence, NewCalendarItem } from '../calendar.ts';
import { occurrenceStarts, type Recurrence } from '../recurrence.ts';
import { rruleToRule } from './rrule.ts';

/** What a VCALENDAR holds for one calendar item: the UID, the item's values and the zone its times are in. */
export interface IcalItem {
  uid: string;
  values: Partial<NewCalendarItem> & { start: number; end: number };
  /** The zone the series expands in and Start/End are shown in (a Windows id or IANA name). */
  zone: string;
}

const DAY = 86_400_000;
const BUSY_STATUS: Readonly<Record<string, LegacyFreeBusyStatus>> = {
  FREE: 'Free',
  TENTATIVE: 'Tentative',
  BUSY: 'Busy',
  OOF: 'OOF',
  WORKINGELSEWHERE: 'WorkingElsewhere',
};

function failed(where: string, problem: string): EwsError {
  return new EwsError('ErrorMimeContentConversionFailed', { message: `${where}: ${problem}` });
}

/** The local fields of an ICAL.Time as "YYYY-MM-DDTHH:MM:SS". */
function wallClock(t: ICAL.Time): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(t.year, 4)}-${p(t.month)}-${p(t.day)}T${p(t.hour)}:${p(t.minute)}:${p(t.second)}`;
}

/** A zone this server knows whose offsets match a VTIMEZONE in January and July: a custom TZID Outlook wrote. */
function knownZoneLike(tz: ICAL.Timezone, year: number): string | undefined {
  const offsets = (at: (utc: number) => number) => [Date.UTC(year, 0, 15), Date.UTC(year, 6, 15)].map((utc) => at(utc));
  const want = offsets((utc) => {
    const t = ICAL.Time.fromJSDate(new Date(utc), true);
    return tz.utcOffset(t) * 1000;
  });
  for (const z of WINDOWS_ZONES) {
    const got = offsets((utc) => resolveTimeZone(z.id).offsetAt(utc));
    if (got[0] === want[0] && got[1] === want[1]) return z.id;
  }
  return undefined;
}

/** Reads times of one VCALENDAR: TZIDs by name when this server knows them, else by their VTIMEZONE. */
class TimeReader {
  readonly #vtimezones = new Map<string, ICAL.Timezone>();

  constructor(
    cal: ICAL.Component,
    readonly fallbackZone: string,
    readonly where: string,
  ) {
    for (const c of cal.getAllSubcomponents('vtimezone')) {
      const id = c.getFirstPropertyValue('tzid');
      if (typeof id === 'string') this.#vtimezones.set(id, new ICAL.Timezone(c));
    }
  }

  /** The zone this server uses for a TZID; undefined for UTC or floating times. */
  zoneOf(prop: ICAL.Property, year: number): string | undefined {
    const tzid = prop.getParameter('tzid');
    if (typeof tzid !== 'string' || tzid === '') return undefined;
    if (resolveTimeZone(tzid).known) return tzid;
    const tz = this.#vtimezones.get(tzid);
    if (!tz) throw failed(this.where, `TZID "${tzid}" has no VTIMEZONE and is not a time zone this server knows.`);
    return knownZoneLike(tz, year);
  }

  /** The instant a DTSTART, DTEND, EXDATE or RECURRENCE-ID value names; DATE values are local midnights. */
  instant(prop: ICAL.Property, value: ICAL.Time, zone: string): number {
    const tzid = prop.getParameter('tzid');
    if (typeof tzid === 'string' && !resolveTimeZone(tzid).known && !value.isDate) {
      const tz = this.#vtimezones.get(tzid);
      if (tz) {
        const t = value.clone();
        t.zone = tz;
        return t.toUnixTime() * 1000;
      }
    }
    if (value.zone === ICAL.Timezone.utcTimezone && !value.isDate) return value.toUnixTime() * 1000;
    const t = wallClockToUtc(wallClock(value), resolveTimeZone(zone));
    if (t === undefined)
      throw failed(this.where, `${prop.name.toUpperCase()} "${value.toString()}" is not a valid time.`);
    return t;
  }

  time(c: ICAL.Component, name: string, zone: string): { at: number; isDate: boolean } | undefined {
    const prop = c.getFirstProperty(name);
    const value = prop?.getFirstValue();
    if (!prop || !(value instanceof ICAL.Time)) return undefined;
    return { at: this.instant(prop, value, zone), isDate: value.isDate };
  }
}

function mailto(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const address = value
    .replace(/^mailto:/i, '')
    .trim()
    .toLowerCase();
  return address.includes('@') ? address : undefined;
}

function person(prop: ICAL.Property): Attendee | undefined {
  const address = mailto(prop.getFirstValue());
  if (!address) return undefined;
  const cn = prop.getParameter('cn');
  return { name: typeof cn === 'string' && cn !== '' ? cn : address, address };
}

/** Which list an ATTENDEE belongs to: CUTYPE RESOURCE or ROOM (or ROLE NON-PARTICIPANT) a resource, OPT-PARTICIPANT optional. */
function attendeeList(prop: ICAL.Property): AttendeeList {
  const cutype = String(prop.getParameter('cutype') ?? '').toUpperCase();
  const role = String(prop.getParameter('role') ?? '').toUpperCase();
  if (cutype === 'RESOURCE' || cutype === 'ROOM' || role === 'NON-PARTICIPANT') return 'resources';
  return role === 'OPT-PARTICIPANT' ? 'optionalAttendees' : 'requiredAttendees';
}

/** The RRULE's range (COUNT or UNTIL, UNTIL as a date meaning that whole local day), then its pattern. */
function recurrenceOf(recur: ICAL.Recur, start: number, zone: string, reader: TimeReader): Recurrence {
  let until: number | undefined;
  if (recur.until) {
    const u = recur.until;
    until = u.isDate
      ? (wallClockToUtc(`${wallClock(u).slice(0, 10)}T00:00:00`, resolveTimeZone(zone)) ?? 0) + DAY - 1
      : u.zone === ICAL.Timezone.utcTimezone
        ? u.toUnixTime() * 1000
        : (wallClockToUtc(wallClock(u), resolveTimeZone(zone)) ?? 0);
  }
  const range = { occurrences: recur.count ?? undefined, until, timeZone: zone };
  return rruleToRule(recur, start, range, zone, reader.where);
}

/** The index of the occurrence of a series starting at `original`, or undefined when none does. */
function indexOf(start: number, rule: Recurrence, original: number): number | undefined {
  let i = 0;
  for (const t of occurrenceStarts(start, rule, original + 1)) {
    if (t === original) return i;
    i++;
  }
  return undefined;
}

function parseCalendar(text: string, where: string): ICAL.Component {
  let jcal: unknown;
  try {
    jcal = ICAL.parse(text);
  } catch (err) {
    throw failed(where, `the iCalendar cannot be parsed (${err instanceof Error ? err.message : String(err)}).`);
  }
  const first = Array.isArray(jcal) && typeof jcal[0] === 'string' ? jcal : Array.isArray(jcal) ? jcal[0] : undefined;
  if (!Array.isArray(first) || first[0] !== 'vcalendar') throw failed(where, 'the content is not a VCALENDAR.');
  return new ICAL.Component(first as unknown as ICAL.Component['jCal']);
}

/**
 * One calendar item from an iCalendar text: the VEVENT without RECURRENCE-ID is the item (its RRULE and EXDATEs
 * the series), those with RECURRENCE-ID are its modified occurrences. Times without zone are in `fallbackZone`.
 */
export function icalToCalendarItem(text: string, fallbackZone: string, where: string): IcalItem {
  const cal = parseCalendar(text, where);
  const reader = new TimeReader(cal, fallbackZone, where);
  const events = cal.getAllSubcomponents('vevent');
  const masters = events.filter((e) => !e.hasProperty('recurrence-id'));
  if (events.length === 0) throw failed(where, 'the VCALENDAR holds no VEVENT (only events become calendar items).');
  if (masters.length !== 1)
    throw failed(where, `the VCALENDAR holds ${masters.length} VEVENTs without RECURRENCE-ID; it must hold one.`);
  const master = masters[0]!;
  const uid = master.getFirstPropertyValue('uid');
  if (typeof uid !== 'string' || uid.trim() === '') throw failed(where, 'the VEVENT has no UID.');
  const stray = events.find((e) => e.getFirstPropertyValue('uid') !== uid);
  if (stray)
    throw failed(
      where,
      `the VCALENDAR holds VEVENTs of more than one UID ("${uid}", "${String(stray.getFirstPropertyValue('uid'))}").`,
    );

  const startProp = master.getFirstProperty('dtstart');
  const startValue = startProp?.getFirstValue();
  if (!startProp || !(startValue instanceof ICAL.Time)) throw failed(where, 'the VEVENT has no DTSTART.');
  const zone = reader.zoneOf(startProp, startValue.year) ?? fallbackZone;
  const start = reader.instant(startProp, startValue, zone);
  const allDay = startValue.isDate;
  const end = reader.time(master, 'dtend', zone)?.at ?? endFromDuration(master, start, allDay);
  if (end < start) throw failed(where, 'DTEND is earlier than DTSTART.');

  const values: IcalItem['values'] = { start, end, allDay, subject: textOf(master, 'summary') ?? '' };
  const location = textOf(master, 'location');
  if (location !== undefined) values.location = location;
  const description = textOf(master, 'description');
  if (description !== undefined) {
    values.body = description;
    values.bodyType = 'Text';
  }
  const klass = String(master.getFirstPropertyValue('class') ?? '').toUpperCase();
  if (klass === 'PRIVATE') values.sensitivity = 'Private';
  else if (klass === 'CONFIDENTIAL') values.sensitivity = 'Confidential';
  else if (klass === 'PUBLIC') values.sensitivity = 'Normal';
  const busy = BUSY_STATUS[String(master.getFirstPropertyValue('x-microsoft-cdo-busystatus') ?? '').toUpperCase()];
  values.freeBusy = busy ?? (master.getFirstPropertyValue('transp') === 'TRANSPARENT' ? 'Free' : 'Busy');
  const organizerProp = master.getFirstProperty('organizer');
  const organizer = organizerProp ? person(organizerProp) : undefined;
  if (organizer) values.organizer = organizer;
  const lists: Record<AttendeeList, Attendee[]> = { requiredAttendees: [], optionalAttendees: [], resources: [] };
  for (const prop of master.getAllProperties('attendee')) {
    const a = person(prop);
    if (a && a.address !== organizer?.address) lists[attendeeList(prop)].push(a);
  }
  Object.assign(values, lists);

  const recur = master.getFirstPropertyValue('rrule');
  if (!(recur instanceof ICAL.Recur)) {
    if (events.length > 1) throw failed(where, 'VEVENTs with RECURRENCE-ID need a VEVENT with an RRULE.');
    return { uid, values, zone };
  }
  const rule = recurrenceOf(recur, start, zone, reader);
  values.recurrence = rule;
  const deleted = new Set<number>();
  for (const prop of master.getAllProperties('exdate')) {
    for (const v of prop.getValues()) {
      if (!(v instanceof ICAL.Time)) continue;
      // An EXDATE off the pattern removes nothing (RFC 5545); Exchange drops it too.
      const i = indexOf(start, rule, reader.instant(prop, v, zone));
      if (i !== undefined) deleted.add(i);
    }
  }
  const modified: ModifiedOccurrence[] = [];
  for (const e of events.filter((x) => x !== master)) {
    const idProp = e.getFirstProperty('recurrence-id')!;
    const idValue = idProp.getFirstValue();
    if (!(idValue instanceof ICAL.Time)) throw failed(where, 'a RECURRENCE-ID is not a date or time.');
    const originalStart = reader.instant(idProp, idValue, zone);
    const index = indexOf(start, rule, originalStart);
    if (index === undefined) {
      throw failed(where, `RECURRENCE-ID ${idValue.toString()} is not an occurrence of the series.`);
    }
    const s = reader.time(e, 'dtstart', zone)?.at ?? originalStart;
    const en = reader.time(e, 'dtend', zone)?.at ?? s + (end - start);
    if (en < s) throw failed(where, `the occurrence ${idValue.toString()} ends before it starts.`);
    const m: ModifiedOccurrence = { index, originalStart, start: s, end: en };
    const subject = textOf(e, 'summary');
    if (subject !== undefined && subject !== values.subject) m.subject = subject;
    const loc = textOf(e, 'location');
    if (loc !== undefined && loc !== values.location) m.location = loc;
    modified.push(m);
  }
  if (deleted.size > 0) values.deletedOccurrences = [...deleted].sort((a, b) => a - b);
  if (modified.length > 0) values.modifiedOccurrences = modified.sort((a, b) => a.index - b.index);
  return { uid, values, zone };
}

function textOf(c: ICAL.Component, name: string): string | undefined {
  const v = c.getFirstPropertyValue(name);
  return typeof v === 'string' ? v : undefined;
}

function endFromDuration(c: ICAL.Component, start: number, allDay: boolean): number {
  const d = c.getFirstPropertyValue('duration');
  if (d instanceof ICAL.Duration) return start + d.toSeconds() * 1000;
  // RFC 5545: without DTEND or DURATION an all-day event lasts its day, a timed one takes no time.
  return allDay ? start + DAY : start;
}
