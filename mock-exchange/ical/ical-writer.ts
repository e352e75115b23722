import ICAL from 'ical.js';
import { type EwsTimeZone, resolveTimeZone } from '../../ews/time-zones.ts';
import {
  ATTENDEE_LISTS,
  type Attendee,
  type AttendeeList,
  allAttendees,
  type CalendarEntry,
  type CalendarItem,
  type ModifiedOccurrence,
} from '../calendar.ts';
import type { Mailbox, Organization } from '../organization.ts';
import { occurrenceStarts } from '../recurrence.ts';
import { ruleToRrule } from './rrule.ts';
import { vtimezone } from './vtimezone.ts';

/** Sensitivity as iCalendar CLASS (RFC 5545 §3.8.1.3), as Exchange maps it; Personal has no class of its own. */
const ICAL_CLASS: Readonly<Record<CalendarItem['sensitivity'], string>> = {
  Normal: 'PUBLIC',
  Personal: 'PRIVATE',
  Private: 'PRIVATE',
  Confidential: 'CONFIDENTIAL',
};

/** What Exchange 2010 and later write as the calendar's PRODID. */
export const EXCHANGE_PRODID = 'Microsoft Exchange Server 2010';

/** The zone an item's times are written in: its own StartTimeZone, its series' zone, else the mailbox's. */
export function itemZoneId(item: CalendarItem, mailbox: Mailbox): string {
  return item.startTimeZone ?? item.recurrence?.timeZone ?? mailbox.timeZone;
}

/** Wall-clock fields of an instant in a zone, as an ICAL.Time without zone (the TZID parameter names it). */
function localTime(utc: number, zone: EwsTimeZone, isDate = false): ICAL.Time {
  const d = new Date(utc + zone.offsetAt(utc));
  return ICAL.Time.fromData({
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: isDate ? 0 : d.getUTCHours(),
    minute: isDate ? 0 : d.getUTCMinutes(),
    second: isDate ? 0 : d.getUTCSeconds(),
    isDate,
  });
}

function utcTime(utc: number): ICAL.Time {
  return ICAL.Time.fromJSDate(new Date(utc), true);
}

interface Writer {
  zoneId: string;
  zone: EwsTimeZone;
  allDay: boolean;
}

function addTime(c: ICAL.Component, name: string, utc: number, w: Writer): void {
  const prop = new ICAL.Property(name);
  prop.setValue(localTime(utc, w.zone, w.allDay));
  if (!w.allDay) prop.setParameter('tzid', w.zoneId);
  c.addProperty(prop);
}

/** The iCalendar ROLE of each attendee list (RFC 5545 3.2.16). */
const ICAL_ROLE: Readonly<Record<AttendeeList, string>> = {
  requiredAttendees: 'REQ-PARTICIPANT',
  optionalAttendees: 'OPT-PARTICIPANT',
  resources: 'NON-PARTICIPANT',
};

function person(
  c: ICAL.Component,
  name: 'organizer' | 'attendee',
  a: Attendee,
  org: Organization,
  list?: AttendeeList,
) {
  const prop = new ICAL.Property(name);
  prop.setValue(`mailto:${a.address}`);
  prop.setParameter('cn', org.mailbox(a.address)?.displayName ?? a.name);
  if (name === 'attendee') {
    // Exchange writes a resource (room, equipment) as CUTYPE=RESOURCE, taking no part as a person.
    if (list === 'resources') prop.setParameter('cutype', 'RESOURCE');
    prop.setParameter('role', ICAL_ROLE[list ?? 'requiredAttendees']);
    prop.setParameter('partstat', 'NEEDS-ACTION');
    prop.setParameter('rsvp', 'TRUE');
  }
  c.addProperty(prop);
}

/** The original start of each occurrence index asked for, walking the series once. */
function originalStarts(item: CalendarItem, indexes: readonly number[]): Map<number, number> {
  const out = new Map<number, number>();
  if (!item.recurrence || indexes.length === 0) return out;
  const wanted = new Set(indexes);
  const last = Math.max(...indexes);
  let i = 0;
  for (const t of occurrenceStarts(item.start, item.recurrence, Number.POSITIVE_INFINITY)) {
    if (wanted.has(i)) out.set(i, t);
    if (++i > last) break;
  }
  return out;
}

function plainBody(item: CalendarItem): string | undefined {
  if (!item.body) return undefined;
  return item.bodyType === 'HTML' ? item.body.replace(/<[^>]*>/g, '').trim() : item.body;
}

/** The properties every VEVENT of the item carries, in the order Exchange writes them. */
function vevent(
  item: CalendarItem,
  mailbox: Mailbox,
  org: Organization,
  w: Writer,
  times: { start: number; end: number; originalStart?: number; exception?: ModifiedOccurrence },
  series: boolean,
  stamp: number,
): ICAL.Component {
  const c = new ICAL.Component('vevent');
  if (item.isMeeting || allAttendees(item).length > 0) {
    person(c, 'organizer', item.organizer ?? { name: mailbox.displayName, address: mailbox.address }, org);
    for (const list of ATTENDEE_LISTS) for (const a of item[list]) person(c, 'attendee', a, org, list);
  }
  const body = plainBody(item);
  if (body !== undefined) c.addPropertyWithValue('description', body);
  if (series && item.recurrence) {
    c.addPropertyWithValue(
      'rrule',
      ruleToRrule(item.recurrence, (t) => utcTime(t).toICALString()),
    );
    const deleted = item.deletedOccurrences ?? [];
    for (const t of originalStarts(item, deleted).values()) addTime(c, 'exdate', t, w);
  }
  if (times.originalStart !== undefined) addTime(c, 'recurrence-id', times.originalStart, w);
  c.addPropertyWithValue('summary', times.exception?.subject ?? item.subject);
  addTime(c, 'dtstart', times.start, w);
  addTime(c, 'dtend', times.end, w);
  c.addPropertyWithValue('uid', item.uid);
  c.addPropertyWithValue('class', ICAL_CLASS[item.sensitivity]);
  c.addPropertyWithValue('priority', 5);
  c.addPropertyWithValue('dtstamp', utcTime(stamp));
  c.addPropertyWithValue('transp', item.freeBusy === 'Free' ? 'TRANSPARENT' : 'OPAQUE');
  c.addPropertyWithValue('status', 'CONFIRMED');
  c.addPropertyWithValue('sequence', 0);
  const location = times.exception?.location ?? item.location;
  if (location !== undefined) c.addPropertyWithValue('location', location);
  c.addPropertyWithValue('x-microsoft-cdo-busystatus', item.freeBusy.toUpperCase());
  c.addPropertyWithValue('x-microsoft-cdo-alldayevent', item.allDay ? 'TRUE' : 'FALSE');
  return c;
}

/**
 * An item (or one occurrence of it) as the iCalendar Exchange gives in MimeContent: VCALENDAR with METHOD and
 * PRODID, the VTIMEZONE of the item's zone, the VEVENT (RRULE and EXDATE for a series) and one VEVENT with
 * RECURRENCE-ID per modified occurrence.
 */
export function calendarEntryToIcal(entry: CalendarEntry, mailbox: Mailbox, org: Organization): string {
  const item = entry.item;
  const zoneId = itemZoneId(item, mailbox);
  const w: Writer = { zoneId, zone: resolveTimeZone(zoneId), allDay: item.allDay };
  const cal = new ICAL.Component('vcalendar');
  cal.addPropertyWithValue('method', 'PUBLISH');
  cal.addPropertyWithValue('prodid', EXCHANGE_PRODID);
  cal.addPropertyWithValue('version', '2.0');
  cal.addSubcomponent(vtimezone(zoneId, item.start));
  const stamp = item.lastModified;
  if (entry.type === 'Occurrence') {
    const original = entry.exception?.originalStart ?? entry.start;
    const times = { start: entry.start, end: entry.end, originalStart: original, exception: entry.exception };
    cal.addSubcomponent(vevent(item, mailbox, org, w, times, false, stamp));
    return cal.toString();
  }
  cal.addSubcomponent(vevent(item, mailbox, org, w, { start: item.start, end: item.end }, true, stamp));
  for (const m of item.modifiedOccurrences ?? []) {
    const times = { start: m.start, end: m.end, originalStart: m.originalStart, exception: m };
    cal.addSubcomponent(vevent(item, mailbox, org, w, times, false, stamp));
  }
  return cal.toString();
}
