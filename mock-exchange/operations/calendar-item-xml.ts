import { type EwsTimeZone, resolveTimeZone } from '../../ews/time-zones.ts';
import { childrenXml, dateTimeTxt, el, txt, type XmlChild } from '../../ews/xml-writer.ts';
import type { Attendee, AttendeeList, CalendarEntry, CalendarItem } from '../calendar.ts';
import { wellKnownFolderChangeKey } from '../folder-tree.ts';
import type { Mailbox, Organization } from '../organization.ts';
import { occurrenceStarts } from '../recurrence.ts';
import { itemZones, meetingTimeZoneXml, timeZoneNameXml, zoneDefinitionXml } from './calendar-item-zones.ts';
import { type ComputedValue, type ExtendedPath, extendedPropertiesXml } from './extended-property.ts';
import type { ItemShape } from './item-shape.ts';
import { mimeContentXml } from './mime-content.ts';
import { recurrenceXml } from './recurrence-xml.ts';

/** ChangeKey of the calendar folder, as GetFolder reports it. */
const calendarFolderChangeKey = (mbx: Mailbox) => wellKnownFolderChangeKey(mbx, 'calendar');

export type CalendarItemTypeName = 'Single' | 'Occurrence' | 'Exception' | 'RecurringMaster';

interface Source {
  entry: CalendarEntry;
  item: CalendarItem;
  mailbox: Mailbox;
  org: Organization;
  type: CalendarItemTypeName;
  /** The ExtendedFieldURIs the shape asks for. */
  extended: readonly ExtendedPath[] | undefined;
  /** `<t:ParentFolderId>`: the same for every item of the calendar, so written once for all the items of a reply. */
  parentFolder: () => string;
}

/**
 * An element carrying an id and change key this mock encoded itself (base64: letters, digits, +, / and =), which
 * need no escaping; ids read from a request are never written through it.
 */
const idElement = (name: string, id: string, changeKey: string | undefined): string =>
  changeKey === undefined ? `<${name} Id="${id}"/>` : `<${name} Id="${id}" ChangeKey="${changeKey}"/>`;

interface Field {
  /** The FieldURI naming this property in ItemShape/AdditionalProperties and in UpdateItem. */
  uri: string;
  /** FindItem never returns it (Exchange: body, attendee lists and recurrence blobs need GetItem). */
  getItemOnly?: boolean;
  /** Written whatever the base shape: it writes only what the shape names itself (ExtendedFieldURIs). */
  always?: boolean;
  /** Only when named in AdditionalProperties, or by GetItem with AllProperties (time zone definitions). */
  allPropertiesOnly?: boolean;
  write(s: Source): XmlChild;
}

/** An attendee list (NonEmptyArrayOfAttendeesType): left out when empty, each attendee with their answer. */
function attendeesField(element: string, list: AttendeeList): Field {
  return {
    uri: `calendar:${element}`,
    getItemOnly: true,
    write: (s) =>
      s.item[list].length === 0
        ? undefined
        : el(
            `t:${element}`,
            null,
            s.item[list].map((a) =>
              el('t:Attendee', null, mailboxXml(s, a), txt('t:ResponseType', a.response ?? 'Unknown')),
            ),
          ),
  };
}

/** The MAPI properties the store keeps for every calendar item, by canonical path key. */
export function itemComputed(item: CalendarItem, key: string): ComputedValue | undefined {
  switch (key) {
    case 'tag:0037': // PR_SUBJECT
      return item.subject;
    case 'tag:001a': // PR_MESSAGE_CLASS
      return 'IPM.Appointment';
    case 'tag:3007': // PR_CREATION_TIME
      return { instant: item.created };
    case 'tag:3008': // PR_LAST_MODIFICATION_TIME
    case 'tag:670a': // PR_LOCAL_COMMIT_TIME_MAX
      return { instant: item.lastModified };
    case 'tag:10f3': // PR_URL_COMP_NAME
      // A URL segment: Exchange never puts a slash in it, and clients use it as a file name.
      return `${item.uid.replace(/\//g, '_').replace(/\+/g, '-')}.EML`;
    case 'tag:0e23': // PR_INTERNET_ARTICLE_NUMBER: a per-folder number, stable for the item's life
      return articleNumber(item.id);
    case 'appointment/id:33315': // PidLidRecurring (0x8223)
      return item.recurrence !== undefined;
    case 'publicstrings/name:urn:schemas:calendar:instancetype': // 0 single, 1 recurring master
      return item.recurrence ? 1 : 0;
    case 'publicstrings/name:urn:schemas:calendar:uid':
      return item.uid;
    default:
      return undefined;
  }
}

/** A positive 31-bit number derived from the item id (FNV-1a), so it never changes while the item lives. */
function articleNumber(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return h >>> 1 || 1;
}

/** A recipient; a mailbox of the organization is named as the directory names it. */
const mailboxXml = (s: Source, a: Attendee): string =>
  el(
    't:Mailbox',
    null,
    txt('t:Name', s.org.mailbox(a.address)?.displayName ?? a.name),
    txt('t:EmailAddress', a.address),
    txt('t:RoutingType', 'SMTP'),
  );

/** The organizer: the item's own, else the calendar's owner (appointments are organized by their owner). */
function organizer(s: Source): Attendee {
  return s.item.organizer ?? { name: s.mailbox.displayName, address: s.mailbox.address };
}

function myResponseType(s: Source): string {
  if (organizer(s).address.toLowerCase() === s.mailbox.address) return 'Organizer';
  if (s.item.responseType) return s.item.responseType;
  // An attendee's copy that is on the calendar has been answered; Tentative is how it shows free/busy.
  return s.item.freeBusy === 'Tentative' ? 'Tentative' : 'Accept';
}

/** xs:duration such as PT30M or P1D. */
export function ewsDuration(ms: number): string {
  const totalSeconds = Math.round(ms / 1000);
  const d = Math.floor(totalSeconds / 86_400);
  const h = Math.floor((totalSeconds % 86_400) / 3600);
  const m = Math.floor((totalSeconds % 3600) / 60);
  const sec = totalSeconds % 60;
  const time = `${h ? `${h}H` : ''}${m ? `${m}M` : ''}${sec ? `${sec}S` : ''}`;
  if (!d && !time) return 'PT0S';
  return `P${d ? `${d}D` : ''}${time ? `T${time}` : ''}`;
}

function occurrenceInfo(s: Source, which: 'first' | 'last'): XmlChild {
  const rule = s.item.recurrence;
  if (!rule) return undefined;
  if (which === 'last' && rule.occurrences === undefined && rule.until === undefined) return undefined;
  const deleted = new Set(s.item.deletedOccurrences);
  const duration = s.item.end - s.item.start;
  let found: { index: number; start: number } | undefined;
  let index = 0;
  for (const start of occurrenceStarts(s.item.start, rule, Number.POSITIVE_INFINITY)) {
    if (!deleted.has(index)) {
      found = { index, start };
      if (which === 'first') break;
    }
    index++;
  }
  if (!found) return undefined;
  return el(
    which === 'first' ? 't:FirstOccurrence' : 't:LastOccurrence',
    null,
    idElement('t:ItemId', s.mailbox.calendar.occurrenceId(s.item.id, found.start), s.item.changeKey),
    dateTimeTxt('t:Start', found.start),
    dateTimeTxt('t:End', found.start + duration),
    dateTimeTxt('t:OriginalStart', found.start),
  );
}

function modifiedOccurrences(s: Source): XmlChild {
  const modified = [...(s.item.modifiedOccurrences ?? [])].sort((a, b) => a.originalStart - b.originalStart);
  if (modified.length === 0) return undefined;
  return el(
    't:ModifiedOccurrences',
    null,
    modified.map((m) =>
      el(
        't:Occurrence',
        null,
        idElement('t:ItemId', s.mailbox.calendar.occurrenceId(s.item.id, m.originalStart), s.item.changeKey),
        dateTimeTxt('t:Start', m.start),
        dateTimeTxt('t:End', m.end),
        dateTimeTxt('t:OriginalStart', m.originalStart),
      ),
    ),
  );
}

function deletedOccurrences(s: Source): XmlChild {
  const rule = s.item.recurrence;
  const deleted = new Set(s.item.deletedOccurrences);
  if (!rule || deleted.size === 0) return undefined;
  const starts: string[] = [];
  const last = Math.max(...deleted);
  let index = 0;
  for (const start of occurrenceStarts(s.item.start, rule, Number.POSITIVE_INFINITY)) {
    if (deleted.has(index)) starts.push(el('t:DeletedOccurrence', null, dateTimeTxt('t:Start', start)));
    if (++index > last) break;
  }
  return el('t:DeletedOccurrences', null, starts);
}

/**
 * Every property written, in the order of types.xsd ItemType then CalendarItemType. ItemId is written
 * separately (always present, whatever the shape).
 */
const FIELDS: readonly Field[] = [
  {
    uri: 'item:ParentFolderId',
    write: (s) => s.parentFolder(),
  },
  { uri: 'item:ItemClass', write: () => txt('t:ItemClass', 'IPM.Appointment') },
  { uri: 'item:Subject', write: (s) => txt('t:Subject', s.entry.exception?.subject ?? s.item.subject) },
  { uri: 'item:Sensitivity', write: (s) => txt('t:Sensitivity', s.item.sensitivity) },
  {
    uri: 'item:Body',
    getItemOnly: true,
    write: (s) => txt('t:Body', s.item.body ?? '', { BodyType: s.item.bodyType ?? 'Text' }),
  },
  { uri: 'item:DateTimeReceived', write: (s) => dateTimeTxt('t:DateTimeReceived', s.item.created) },
  { uri: 'item:Importance', write: () => txt('t:Importance', 'Normal') },
  { uri: 'item:DateTimeCreated', write: (s) => dateTimeTxt('t:DateTimeCreated', s.item.created) },
  { uri: 'item:HasAttachments', write: () => txt('t:HasAttachments', false) },
  {
    uri: 'item:ExtendedProperty',
    always: true,
    write: (s) => extendedPropertiesXml(s.extended, s.item.extended, (key) => itemComputed(s.item, key)),
  },
  { uri: 'item:LastModifiedTime', write: (s) => dateTimeTxt('t:LastModifiedTime', s.item.lastModified) },
  { uri: 'calendar:UID', write: (s) => txt('t:UID', s.item.uid) },
  { uri: 'calendar:Start', write: (s) => dateTimeTxt('t:Start', s.entry.start) },
  { uri: 'calendar:End', write: (s) => dateTimeTxt('t:End', s.entry.end) },
  {
    uri: 'calendar:OriginalStart',
    // An occurrence starts where the pattern put it; an exception remembers that time.
    write: (s) =>
      s.type === 'Occurrence' || s.type === 'Exception'
        ? dateTimeTxt('t:OriginalStart', s.entry.exception?.originalStart ?? s.entry.start)
        : undefined,
  },
  { uri: 'calendar:IsAllDayEvent', write: (s) => txt('t:IsAllDayEvent', s.item.allDay) },
  { uri: 'calendar:LegacyFreeBusyStatus', write: (s) => txt('t:LegacyFreeBusyStatus', s.item.freeBusy) },
  { uri: 'calendar:Location', write: (s) => txt('t:Location', s.entry.exception?.location ?? s.item.location) },
  { uri: 'calendar:IsMeeting', write: (s) => txt('t:IsMeeting', s.item.isMeeting) },
  { uri: 'calendar:IsCancelled', write: (s) => txt('t:IsCancelled', s.item.isCancelled === true) },
  {
    uri: 'calendar:IsRecurring',
    // Exchange reports IsRecurring false on the RecurringMaster itself; only its instances are "recurring".
    write: (s) => txt('t:IsRecurring', s.type === 'Occurrence' || s.type === 'Exception'),
  },
  {
    uri: 'calendar:MeetingRequestWasSent',
    write: (s) => txt('t:MeetingRequestWasSent', s.item.meetingRequestWasSent === true),
  },
  { uri: 'calendar:IsResponseRequested', write: (s) => txt('t:IsResponseRequested', s.item.isMeeting) },
  { uri: 'calendar:CalendarItemType', write: (s) => txt('t:CalendarItemType', s.type) },
  { uri: 'calendar:MyResponseType', write: (s) => txt('t:MyResponseType', myResponseType(s)) },
  { uri: 'calendar:Organizer', write: (s) => el('t:Organizer', null, mailboxXml(s, organizer(s))) },
  attendeesField('RequiredAttendees', 'requiredAttendees'),
  attendeesField('OptionalAttendees', 'optionalAttendees'),
  attendeesField('Resources', 'resources'),
  { uri: 'calendar:Duration', write: (s) => txt('t:Duration', ewsDuration(s.entry.end - s.entry.start)) },
  {
    uri: 'calendar:TimeZone',
    allPropertiesOnly: true,
    write: (s) => timeZoneNameXml(itemZones(s.item, s.mailbox).start),
  },
  {
    uri: 'calendar:Recurrence',
    getItemOnly: true,
    write: (s) =>
      s.type === 'RecurringMaster' && s.item.recurrence
        ? recurrenceXml(s.item.start, s.item.recurrence, seriesZone(s))
        : undefined,
  },
  {
    uri: 'calendar:FirstOccurrence',
    getItemOnly: true,
    write: (s) => (s.type === 'RecurringMaster' ? occurrenceInfo(s, 'first') : undefined),
  },
  {
    uri: 'calendar:LastOccurrence',
    getItemOnly: true,
    write: (s) => (s.type === 'RecurringMaster' ? occurrenceInfo(s, 'last') : undefined),
  },
  {
    uri: 'calendar:ModifiedOccurrences',
    getItemOnly: true,
    write: (s) => (s.type === 'RecurringMaster' ? modifiedOccurrences(s) : undefined),
  },
  {
    uri: 'calendar:DeletedOccurrences',
    getItemOnly: true,
    write: (s) => (s.type === 'RecurringMaster' ? deletedOccurrences(s) : undefined),
  },
  {
    uri: 'calendar:MeetingTimeZone',
    allPropertiesOnly: true,
    write: (s) => meetingTimeZoneXml(itemZones(s.item, s.mailbox).start),
  },
  {
    uri: 'calendar:StartTimeZone',
    allPropertiesOnly: true,
    write: (s) => zoneDefinitionXml('StartTimeZone', itemZones(s.item, s.mailbox).start),
  },
  {
    uri: 'calendar:EndTimeZone',
    allPropertiesOnly: true,
    write: (s) => zoneDefinitionXml('EndTimeZone', itemZones(s.item, s.mailbox).end),
  },
];

/** The zone a series' dates are written in: its own, else its start zone, else the mailbox's. */
function seriesZone(s: Source): EwsTimeZone {
  return resolveTimeZone(s.item.recurrence?.timeZone ?? s.item.startTimeZone ?? s.mailbox.timeZone);
}

/** The FieldURIs the writer follows, in the order it writes them (the service description derives t:CalendarItemType from it). */
export const CALENDAR_ITEM_FIELD_URIS: readonly string[] = FIELDS.map((f) => f.uri);

const GET_ITEM_ONLY = new Set(FIELDS.filter((f) => f.getItemOnly).map((f) => f.uri));

/** FieldURIs a FindItem request may not ask for (Exchange answers ErrorInvalidPropertyRequest). */
export function isGetItemOnlyField(uri: string): boolean {
  return GET_ITEM_ONLY.has(uri);
}

export function calendarItemType(entry: CalendarEntry): CalendarItemTypeName {
  if (entry.exception) return 'Exception';
  if (entry.type === 'Occurrence') return 'Occurrence';
  return entry.item.recurrence ? 'RecurringMaster' : 'Single';
}

/** `<t:ItemId>` of an entry: its own id (an occurrence id for occurrences) and the series' ChangeKey. */
export function itemIdXml(entry: CalendarEntry): string {
  return idElement('t:ItemId', entry.id, entry.item.changeKey);
}

/** The fields a shape asks for, worked out once per shape and operation rather than once per item. */
const fieldsByShape = new WeakMap<ItemShape, Partial<Record<'FindItem' | 'GetItem', readonly Field[]>>>();

/** The fields of shapes that name no AdditionalProperties, by base shape, operation and whether any extended: a handful. */
const fieldsByBase = new Map<string, readonly Field[]>();

function fieldsFor(shape: ItemShape, operation: 'FindItem' | 'GetItem'): readonly Field[] {
  // Each request parses a shape of its own: one naming nothing more than its base is looked up by what it holds.
  const plainKey =
    shape.additional.size === 0 ? `${shape.base} ${operation} ${(shape.extended?.length ?? 0) > 0}` : undefined;
  if (plainKey !== undefined) {
    const known = fieldsByBase.get(plainKey);
    if (known) return known;
  }
  let byOperation = fieldsByShape.get(shape);
  if (!byOperation) {
    byOperation = {};
    fieldsByShape.set(shape, byOperation);
  }
  const known = byOperation[operation];
  if (known) return known;
  const hasExtended = (shape.extended?.length ?? 0) > 0;
  const wanted = (f: Field) =>
    f.always
      ? hasExtended
      : f.allPropertiesOnly
        ? (shape.base === 'AllProperties' && operation === 'GetItem') || shape.additional.has(f.uri)
        : (shape.base !== 'IdOnly' && !(operation === 'FindItem' && f.getItemOnly)) || shape.additional.has(f.uri);
  const fields = FIELDS.filter(wanted);
  byOperation[operation] = fields;
  if (plainKey !== undefined) fieldsByBase.set(plainKey, fields);
  return fields;
}

/** One t:CalendarItem in schema order, holding the properties the shape asks for. */
export function calendarItemXml(
  entry: CalendarEntry,
  mailbox: Mailbox,
  org: Organization,
  shape: ItemShape,
  operation: 'FindItem' | 'GetItem',
): string {
  return calendarItemsXml([entry], mailbox, org, shape, operation)[0]!;
}

/** The t:CalendarItem of each entry of one calendar, in order: what they share is worked out once. */
export function calendarItemsXml(
  entries: readonly CalendarEntry[],
  mailbox: Mailbox,
  org: Organization,
  shape: ItemShape,
  operation: 'FindItem' | 'GetItem',
): string[] {
  const fields = fieldsFor(shape, operation);
  let parentFolder: string | undefined;
  const parentFolderXml = () =>
    (parentFolder ??= idElement('t:ParentFolderId', mailbox.calendarFolderId, calendarFolderChangeKey(mailbox)));
  const mime = shape.includeMimeContent && operation === 'GetItem';
  return entries.map((entry) => {
    const source: Source = {
      entry,
      item: entry.item,
      mailbox,
      org,
      type: calendarItemType(entry),
      extended: shape.extended,
      parentFolder: parentFolderXml,
    };
    let inner = mime ? mimeContentXml(entry, mailbox, org) : '';
    inner += itemIdXml(entry);
    for (const f of fields) inner += childrenXml(f.write(source));
    return `<t:CalendarItem>${inner}</t:CalendarItem>`;
  });
}
