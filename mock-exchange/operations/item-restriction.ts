import type { XmlElement } from '../../ews/xml-element.ts';
import type { CalendarEntry } from '../calendar.ts';
import { compileRestriction, type RestrictionPredicate, type RestrictionValues } from '../folder-restriction.ts';

/** The calendar item properties a FindItem restriction can test (instants as epoch milliseconds). */
const ITEM_FIELDS: Record<string, (e: CalendarEntry) => string | number | undefined> = {
  'item:Subject': (e) => e.item.subject,
  'item:ItemClass': () => 'IPM.Appointment',
  'item:DateTimeCreated': (e) => e.item.created,
  'item:LastModifiedTime': (e) => e.item.lastModified,
  'calendar:Start': (e) => e.start,
  'calendar:End': (e) => e.end,
  'calendar:Location': (e) => e.item.location,
  'calendar:UID': (e) => e.item.uid,
  'calendar:IsAllDayEvent': (e) => String(e.item.allDay),
  'calendar:LegacyFreeBusyStatus': (e) => e.item.freeBusy,
  'calendar:IsMeeting': (e) => String(e.item.isMeeting),
  'calendar:IsRecurring': (e) => String(e.type === 'Occurrence'),
  'calendar:CalendarItemType': (e) =>
    e.type === 'Occurrence' ? 'Occurrence' : e.item.recurrence ? 'RecurringMaster' : 'Single',
};

const URIS = Object.keys(ITEM_FIELDS);

/** A FindItem m:Restriction as a predicate over calendar entries (ErrorUnsupportedPathForQuery for other paths). */
export function compileItemRestriction(restriction: XmlElement): (entry: CalendarEntry) => boolean {
  const test: RestrictionPredicate = compileRestriction(restriction, { uris: URIS, operation: 'FindItem' });
  return (entry) => {
    const values: Record<string, string | number | undefined> = {};
    for (const uri of URIS) values[uri] = ITEM_FIELDS[uri]?.(entry);
    return test(values as RestrictionValues);
  };
}
