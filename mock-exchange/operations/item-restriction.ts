import { EwsError } from '../../ews/errors.ts';
import type { XmlElement } from '../../ews/xml-element.ts';
import type { CalendarEntry } from '../calendar.ts';
import { compileRestriction, type RestrictionPredicate, type RestrictionValues } from '../folder-restriction.ts';
import { itemComputed } from './calendar-item-xml.ts';
import { comparableValue, extendedRestrictionKeys, parseExtendedPath } from './extended-property.ts';
import { parseEnum } from './request-values.ts';

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

/** The value of an extended property of an entry's item, as restrictions and sorts compare it. */
export function itemExtendedValue(entry: CalendarEntry, key: string): string | number | undefined {
  return comparableValue(entry.item.extended?.[key], itemComputed(entry.item, key));
}

/**
 * A FindItem m:Restriction as a predicate over calendar entries, over FieldURIs and ExtendedFieldURIs
 * (ErrorUnsupportedPathForQuery for other paths).
 */
export function compileItemRestriction(restriction: XmlElement): (entry: CalendarEntry) => boolean {
  const ext = extendedRestrictionKeys();
  const test: RestrictionPredicate = compileRestriction(restriction, {
    uris: URIS,
    operation: 'FindItem',
    extended: ext.resolve,
  });
  return (entry) => {
    const values: Record<string, string | number | undefined> = {};
    for (const uri of URIS) values[uri] = ITEM_FIELDS[uri]?.(entry);
    for (const key of ext.keys) values[`ext:${key}`] = itemExtendedValue(entry, key);
    return test(values as RestrictionValues);
  };
}

/** A FindItem m:SortOrder as a comparator: FieldOrder elements in priority order, each Ascending or Descending. */
export function compileSortOrder(sortEl: XmlElement): (a: CalendarEntry, b: CalendarEntry) => number {
  const keys = sortEl.children.map((order, i) => {
    const where = `FindItem/SortOrder/FieldOrder[${i + 1}]`;
    const descending =
      parseEnum(order.attr('Order'), ['Ascending', 'Descending'] as const, `${where}@Order`) === 'Descending';
    const path = order.children[0];
    let get: (e: CalendarEntry) => string | number | undefined;
    if (path?.name === 'ExtendedFieldURI') {
      const key = parseExtendedPath(path, where).key;
      get = (e) => itemExtendedValue(e, key);
    } else {
      const uri = path?.name === 'FieldURI' ? path.attr('FieldURI') : undefined;
      const field = uri === undefined ? undefined : ITEM_FIELDS[uri];
      if (!field) {
        throw new EwsError('ErrorUnsupportedPathForQuery', {
          message: `${where}: ${uri ? `FieldURI "${uri}"` : `<${path?.name ?? 'nothing'}>`} cannot be used to sort FindItem results.`,
        });
      }
      get = field;
    }
    return { get, sign: descending ? -1 : 1 };
  });
  return (a, b) => {
    for (const { get, sign } of keys) {
      const c = compareValues(get(a), get(b));
      if (c !== 0) return sign * c;
    }
    return 0;
  };
}

/** Missing values sort first (as Exchange sorts nulls); numbers numerically, text ignoring case. */
function compareValues(a: string | number | undefined, b: string | number | undefined): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? -1 : 1;
  if (typeof a === 'number' && typeof b === 'number') return Math.sign(a - b);
  const sa = String(a).toLowerCase();
  const sb = String(b).toLowerCase();
  return sa === sb ? 0 : sa < sb ? -1 : 1;
}
