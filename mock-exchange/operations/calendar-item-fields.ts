import { EwsError } from '../../ews/errors.ts';
import { resolveTimeZone, wallClockToUtc } from '../../ews/time-zones.ts';
import type { XmlElement } from '../../ews/xml-element.ts';
import {
  type BodyType,
  type CalendarItem,
  type ClearableField,
  type ExtendedValue,
  LEGACY_FREE_BUSY,
  type LegacyFreeBusyStatus,
  type NewCalendarItem,
  SENSITIVITIES,
  type Sensitivity,
} from '../calendar.ts';
import type { EwsContext } from '../ews-context.ts';
import type { Organization } from '../organization.ts';
import { attendeeField } from './calendar-item-attendees.ts';
import { parseExtendedProperty } from './extended-property.ts';
import { decodeMimeContent } from './mime-content.ts';
import { type ParsedRecurrence, parseRecurrence } from './recurrence-xml.ts';
import { parseBoolean, parseDateTime, parseEnum } from './request-values.ts';

/** A Start or End as sent: read once the zones of the whole item or change are known. */
export interface SentTime {
  text: string;
  where: string;
}

/**
 * What CreateItem or one UpdateItem change asks for: new values, fields to clear, the recurrence as sent, and
 * Start/End with the zones (StartTimeZone, EndTimeZone, MeetingTimeZone) that a time without offset is read in.
 */
export interface CalendarPatch {
  values: Partial<NewCalendarItem>;
  clear: ClearableField[];
  recurrence?: ParsedRecurrence;
  start?: SentTime;
  end?: SentTime;
  startZone?: string;
  endZone?: string;
  /** Extended properties set (by canonical key) and deleted by this request. */
  extendedSet?: Record<string, ExtendedValue>;
  extendedDeleted?: string[];
  /** The iCalendar a t:MimeContent carried, read once the zone for floating times is known. */
  mime?: { text: string; where: string };
}

/** A zone named by StartTimeZone@Id, EndTimeZone@Id or MeetingTimeZone@TimeZoneName; unknown ones are ErrorTimeZone. */
function zoneId(id: string | undefined, where: string): string {
  const trimmed = id?.trim() ?? '';
  if (trimmed === '' || !resolveTimeZone(trimmed).known) {
    throw new EwsError('ErrorTimeZone', {
      message: `${where}: the time zone "${trimmed}" is not one this server knows; use a Windows zone id GetServerTimeZones lists.`,
    });
  }
  return trimmed;
}

export interface WritableField {
  /** FieldURI in UpdateItem (SetItemField / DeleteItemField). */
  uri: string;
  /** Local name of the property element inside t:CalendarItem. */
  element: string;
  set(el: XmlElement, where: string, org: Organization, patch: CalendarPatch): void;
  /** DeleteItemField; absent when Exchange refuses to delete the property. */
  remove?(patch: CalendarPatch): void;
  /** AppendToItemField onto the item's current value; absent when the property cannot be appended to. */
  append?(el: XmlElement, where: string, org: Organization, patch: CalendarPatch, current: CalendarItem): void;
}

/** Properties CreateItem and UpdateItem store, in types.xsd order. */
const WRITABLE: readonly WritableField[] = [
  {
    uri: 'item:MimeContent',
    element: 'MimeContent',
    set: (el, where, _o, p) => {
      p.mime = { text: decodeMimeContent(el, where), where };
    },
  },
  {
    uri: 'item:Subject',
    element: 'Subject',
    set: (el, _w, _o, p) => {
      p.values.subject = el.text;
    },
    remove: (p) => {
      p.values.subject = '';
    },
  },
  {
    uri: 'item:Sensitivity',
    element: 'Sensitivity',
    set: (el, where, _o, p) => {
      p.values.sensitivity = parseEnum<Sensitivity>(el.text.trim(), SENSITIVITIES, where);
    },
    remove: (p) => {
      p.values.sensitivity = 'Normal';
    },
  },
  {
    uri: 'item:Body',
    element: 'Body',
    set: (el, where, _o, p) => {
      p.values.body = el.text;
      p.values.bodyType = parseEnum<BodyType>(el.attr('BodyType'), ['HTML', 'Text'], `${where}@BodyType`);
    },
    remove: (p) => {
      p.clear.push('body');
    },
  },
  {
    uri: 'calendar:Start',
    element: 'Start',
    set: (el, where, _o, p) => {
      p.start = { text: el.text, where };
    },
  },
  {
    uri: 'calendar:End',
    element: 'End',
    set: (el, where, _o, p) => {
      p.end = { text: el.text, where };
    },
  },
  {
    uri: 'calendar:IsAllDayEvent',
    element: 'IsAllDayEvent',
    set: (el, where, _o, p) => {
      p.values.allDay = parseBoolean(el.text, where);
    },
    remove: (p) => {
      p.values.allDay = false;
    },
  },
  {
    uri: 'calendar:LegacyFreeBusyStatus',
    element: 'LegacyFreeBusyStatus',
    set: (el, where, _o, p) => {
      p.values.freeBusy = parseEnum<LegacyFreeBusyStatus>(el.text.trim(), LEGACY_FREE_BUSY, where);
    },
    remove: (p) => {
      p.values.freeBusy = 'Busy';
    },
  },
  {
    uri: 'calendar:Location',
    element: 'Location',
    set: (el, _w, _o, p) => {
      p.values.location = el.text;
    },
    remove: (p) => {
      p.clear.push('location');
    },
  },
  attendeeField('RequiredAttendees', 'requiredAttendees'),
  attendeeField('OptionalAttendees', 'optionalAttendees'),
  attendeeField('Resources', 'resources'),
  {
    uri: 'calendar:Recurrence',
    element: 'Recurrence',
    set: (el, where, _o, p) => {
      p.recurrence = parseRecurrence(el, where);
      p.values.recurrence = p.recurrence.rule;
    },
    remove: (p) => {
      p.clear.push('recurrence');
    },
  },
  {
    uri: 'calendar:MeetingTimeZone',
    element: 'MeetingTimeZone',
    set: (el, where, _o, p) => {
      p.startZone ??= zoneId(el.attr('TimeZoneName'), `${where}@TimeZoneName`);
    },
  },
  {
    uri: 'calendar:StartTimeZone',
    element: 'StartTimeZone',
    set: (el, where, _o, p) => {
      p.startZone = zoneId(el.attr('Id'), `${where}@Id`);
    },
  },
  {
    uri: 'calendar:EndTimeZone',
    element: 'EndTimeZone',
    set: (el, where, _o, p) => {
      p.endZone = zoneId(el.attr('Id'), `${where}@Id`);
    },
  },
];

/** The request's TimeZoneContext zone, when it names one this server knows. */
export function contextZone(ctx: EwsContext): string | undefined {
  const id = ctx.request.timeZoneId?.trim();
  return id && resolveTimeZone(id).known ? id : undefined;
}

/**
 * Read the patch's Start and End: a time without offset is wall clock in its own zone (StartTimeZone,
 * EndTimeZone, MeetingTimeZone), else in `fallbackZone` (TimeZoneContext, else the item's or mailbox's zone).
 * The series' zone goes with its recurrence, so occurrences keep their local time.
 */
export function resolveTimes(patch: CalendarPatch, fallbackZone: string): void {
  const startZone = patch.startZone ?? fallbackZone;
  const read = (sent: SentTime, zone: string) => {
    const t = wallClockToUtc(sent.text, resolveTimeZone(zone));
    if (t === undefined) parseDateTime(sent.text, sent.where);
    return t ?? Number.NaN;
  };
  if (patch.start) patch.values.start = read(patch.start, startZone);
  if (patch.end) patch.values.end = read(patch.end, patch.endZone ?? startZone);
  if (patch.startZone) patch.values.startTimeZone = patch.startZone;
  if (patch.endZone) patch.values.endTimeZone = patch.endZone;
  if (patch.values.recurrence) patch.values.recurrence = { ...patch.values.recurrence, timeZone: startZone };
}

/**
 * Properties accepted and not stored: they change nothing a calendar view, free/busy or presence shows
 */
const IGNORED: Readonly<Record<string, string>> = {
  Categories: 'item:Categories',
  Importance: 'item:Importance',
  ReminderIsSet: 'item:ReminderIsSet',
  ReminderMinutesBeforeStart: 'item:ReminderMinutesBeforeStart',
  IsResponseRequested: 'calendar:IsResponseRequested',
  AllowNewTimeProposal: 'calendar:AllowNewTimeProposal',
  IsOnlineMeeting: 'calendar:IsOnlineMeeting',
};

const BY_ELEMENT = new Map(WRITABLE.map((f) => [f.element, f]));
const BY_URI = new Map(WRITABLE.map((f) => [f.uri, f]));
const IGNORED_URIS = new Set(Object.values(IGNORED));

function unsupported(what: string, where: string): EwsError {
  return new EwsError('ErrorInvalidPropertySet', {
    message: `${where}: ${what} cannot be set on a calendar item in this mock Exchange.`,
  });
}

/** Every property of a t:CalendarItem in a CreateItem request. */
export function parseCalendarItem(itemEl: XmlElement, where: string, org: Organization): CalendarPatch {
  const patch: CalendarPatch = { values: {}, clear: [] };
  for (const child of itemEl.children) {
    if (child.name === 'ExtendedProperty') {
      const { path, value } = parseExtendedProperty(child, where);
      patch.extendedSet = { ...patch.extendedSet, [path.key]: value };
      continue;
    }
    const field = BY_ELEMENT.get(child.name);
    if (field) field.set(child, `${where}/${child.name}`, org, patch);
    else if (!(child.name in IGNORED)) throw unsupported(child.name, where);
  }
  return patch;
}

/** SetItemField: the item element must hold exactly the one property its FieldURI names. */
export function applySetItemField(
  uri: string,
  itemEl: XmlElement,
  where: string,
  org: Organization,
  patch: CalendarPatch,
): void {
  if (IGNORED_URIS.has(uri)) return;
  const field = BY_URI.get(uri);
  if (!field) throw unsupported(uri, where);
  field.set(onlyProperty(field, uri, itemEl, where), `${where}/${itemEl.name}/${field.element}`, org, patch);
}

/** The one property a SetItemField or AppendToItemField item holds, which must be the one its FieldURI names. */
function onlyProperty(field: WritableField, uri: string, itemEl: XmlElement, where: string): XmlElement {
  if (itemEl.children.length !== 1) {
    throw new EwsError('ErrorIncorrectUpdatePropertyCount', {
      message: `${where}: <${itemEl.name}> holds ${itemEl.children.length} properties; it must hold exactly one.`,
    });
  }
  const prop = itemEl.children[0]!;
  if (prop.name !== field.element) {
    throw new EwsError('ErrorUpdatePropertyMismatch', {
      message: `${where}: FieldURI ${uri} names ${field.element}, but the item holds ${prop.name}.`,
    });
  }
  return prop;
}

/** AppendToItemField: only the attendee lists take more values; the rest is ErrorInvalidPropertyAppend. */
export function applyAppendToItemField(
  uri: string,
  itemEl: XmlElement,
  where: string,
  org: Organization,
  patch: CalendarPatch,
  current: CalendarItem,
): void {
  const field = BY_URI.get(uri);
  if (!field?.append) {
    throw new EwsError('ErrorInvalidPropertyAppend', {
      message: `${where}: ${uri} cannot be appended to; use SetItemField.`,
    });
  }
  field.append(
    onlyProperty(field, uri, itemEl, where),
    `${where}/${itemEl.name}/${field.element}`,
    org,
    patch,
    current,
  );
}

/** DeleteItemField: optional properties are cleared or reset; Start and End cannot be deleted. */
export function applyDeleteItemField(uri: string, where: string, patch: CalendarPatch): void {
  if (IGNORED_URIS.has(uri)) return;
  const field = BY_URI.get(uri);
  if (!field) throw unsupported(uri, where);
  if (!field.remove) {
    throw new EwsError('ErrorInvalidPropertyDelete', {
      message: `${where}: ${uri} cannot be deleted from a calendar item.`,
    });
  }
  field.remove(patch);
}
