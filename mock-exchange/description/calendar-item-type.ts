import { CALENDAR_ITEM_FIELD_URIS } from '../operations/calendar-item-xml.ts';
import type { XsdComplexType, XsdElement } from './xsd-model.ts';
import { optional, repeated } from './xsd-model.ts';

/** The schema type of each property element the calendar item writer can write, by element name. */
const PROPERTY_TYPES: Readonly<Record<string, string>> = {
  ParentFolderId: 't:FolderIdType',
  ItemClass: 't:ItemClassType',
  Subject: 'xs:string',
  Sensitivity: 't:SensitivityChoicesType',
  Body: 't:BodyType',
  DateTimeReceived: 'xs:dateTime',
  Importance: 't:ImportanceChoicesType',
  DateTimeCreated: 'xs:dateTime',
  HasAttachments: 'xs:boolean',
  ExtendedProperty: 't:ExtendedPropertyType',
  LastModifiedTime: 'xs:dateTime',
  UID: 'xs:string',
  Start: 'xs:dateTime',
  End: 'xs:dateTime',
  OriginalStart: 'xs:dateTime',
  IsAllDayEvent: 'xs:boolean',
  LegacyFreeBusyStatus: 't:LegacyFreeBusyType',
  Location: 'xs:string',
  IsMeeting: 'xs:boolean',
  IsCancelled: 'xs:boolean',
  IsRecurring: 'xs:boolean',
  MeetingRequestWasSent: 'xs:boolean',
  IsResponseRequested: 'xs:boolean',
  CalendarItemType: 't:CalendarItemTypeType',
  MyResponseType: 't:ResponseTypeType',
  Organizer: 't:SingleRecipientType',
  RequiredAttendees: 't:NonEmptyArrayOfAttendeesType',
  OptionalAttendees: 't:NonEmptyArrayOfAttendeesType',
  Resources: 't:NonEmptyArrayOfAttendeesType',
  Duration: 'xs:string',
  Recurrence: 't:RecurrenceType',
  FirstOccurrence: 't:OccurrenceInfoType',
  LastOccurrence: 't:OccurrenceInfoType',
  ModifiedOccurrences: 't:NonEmptyArrayOfOccurrenceInfoType',
  DeletedOccurrences: 't:NonEmptyArrayOfDeletedOccurrencesType',
  TimeZone: 'xs:string',
  MeetingTimeZone: 't:TimeZoneType',
  StartTimeZone: 't:TimeZoneDefinitionType',
  EndTimeZone: 't:TimeZoneDefinitionType',
};

function property(uri: string): XsdElement {
  const name = uri.slice(uri.indexOf(':') + 1);
  const type = PROPERTY_TYPES[name];
  if (!type)
    throw new Error(`service description: calendar item property ${uri} has no schema type (calendar-item-type.ts)`);
  // ExtendedProperty repeats: one element per ExtendedFieldURI asked for.
  return name === 'ExtendedProperty' ? repeated(name, type) : optional(name, type);
}

/**
 * t:ItemType and t:CalendarItemType as the writer produces them: MimeContent when asked for, ItemId (always written), then the
 * item: properties on ItemType and the calendar: ones on CalendarItemType, in the writer's field order.
 */
export function calendarItemTypes(): XsdComplexType[] {
  const firstCalendar = CALENDAR_ITEM_FIELD_URIS.findIndex((u) => u.startsWith('calendar:'));
  const lateItem = CALENDAR_ITEM_FIELD_URIS.slice(firstCalendar).find((u) => u.startsWith('item:'));
  // ItemType's elements all precede CalendarItemType's: a writer that mixes them writes invalid XML.
  if (firstCalendar >= 0 && lateItem)
    throw new Error(`service description: ${lateItem} is written after calendar: fields`);
  const item = CALENDAR_ITEM_FIELD_URIS.filter((u) => u.startsWith('item:')).map(property);
  const calendar = CALENDAR_ITEM_FIELD_URIS.filter((u) => u.startsWith('calendar:')).map(property);
  return [
    {
      name: 'ItemType',
      ns: 't',
      sequence: [optional('MimeContent', 't:MimeContentType'), optional('ItemId', 't:ItemIdType'), ...item],
    },
    { name: 'CalendarItemType', ns: 't', base: 't:ItemType', sequence: calendar },
  ];
}
