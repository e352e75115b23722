import { EwsError } from '../../ews/errors.ts';
import type { XmlElement } from '../../ews/xml-element.ts';
import { type Calendar, type CalendarEntry, occurrenceId, parseOccurrenceId } from '../calendar.ts';
import type { EwsContext } from '../ews-context.ts';
import { folderTree } from '../folder-tree.ts';
import type { Mailbox } from '../organization.ts';
import { parseInteger } from './request-values.ts';

/** An item found for a request: the mailbox and calendar (its own, or a created folder's) holding it, and the entry. */
export interface LocatedItem {
  mailbox: Mailbox;
  calendar: Calendar;
  entry: CalendarEntry;
}

/** Item ids this organization issues: "AAMkAD" + base64, plus "_occ_N" for an occurrence. */
const ITEM_ID = /^AAMkAD[A-Za-z0-9+/]+={0,2}(_occ_\d+)?$/;

function checkId(id: string | undefined, where: string): string {
  if (id === undefined || id.trim() === '') {
    throw new EwsError('ErrorInvalidIdEmpty', { message: `${where}: the Id is empty.` });
  }
  if (!ITEM_ID.test(id))
    throw new EwsError('ErrorInvalidIdMalformed', { message: `${where}: Id "${id}" is malformed.` });
  return id;
}

function notFound(id: string): EwsError {
  return new EwsError('ErrorItemNotFound', { message: `The specified object was not found in the store: ${id}.` });
}

/** The calendar of a mailbox holding an item: the mailbox's own, else one of its created calendar folders. */
function calendarHolding(mbx: Mailbox, masterId: string): Calendar | undefined {
  if (mbx.calendar.get(masterId)) return mbx.calendar;
  for (const folder of folderTree(mbx).byId.values()) if (folder.calendar?.get(masterId)) return folder.calendar;
  return undefined;
}

/** The mailbox and calendar holding a series or single item, if the caller may open it. */
function mailboxOf(ctx: EwsContext, masterId: string): { mailbox: Mailbox; calendar: Calendar } {
  const own = ctx.mailbox;
  const ownCalendar = own && calendarHolding(own, masterId);
  if (own && ownCalendar) return { mailbox: own, calendar: ownCalendar };
  for (const mbx of ctx.org.mailboxes.values()) {
    const calendar = calendarHolding(mbx, masterId);
    if (!calendar) continue;
    // Without impersonation the account acts for itself: its own mailbox, or delegate access by its rights.
    const allowed =
      !ctx.request.impersonation && (ctx.account.mailbox === mbx.address || ctx.org.canImpersonate(ctx.account, mbx));
    if (!allowed) {
      throw new EwsError('ErrorAccessDenied', { message: `Access is denied to items of the mailbox ${mbx.address}.` });
    }
    return { mailbox: mbx, calendar };
  }
  throw notFound(masterId);
}

function byEntryId(ctx: EwsContext, id: string): LocatedItem {
  const masterId = parseOccurrenceId(id)?.masterId ?? id;
  const { mailbox, calendar } = mailboxOf(ctx, masterId);
  const entry = calendar.entry(id);
  if (!entry) throw notFound(id);
  return { mailbox, calendar, entry };
}

/**
 * Resolve one element of NonEmptyArrayOfBaseItemIdsType: t:ItemId, t:OccurrenceItemId (series id and 1-based
 * InstanceIndex) or t:RecurringMasterItemId (an occurrence's id, naming its series).
 */
export function locateItem(ctx: EwsContext, idEl: XmlElement, where: string): LocatedItem {
  switch (idEl.name) {
    case 'ItemId':
      return byEntryId(ctx, checkId(idEl.attr('Id'), `${where}/ItemId`));
    case 'OccurrenceItemId': {
      const masterId = checkId(idEl.attr('RecurringMasterId'), `${where}/OccurrenceItemId`);
      const index = parseInteger(idEl.attr('InstanceIndex'), `${where}/OccurrenceItemId@InstanceIndex`);
      const master = byEntryId(ctx, masterId);
      if (master.entry.type !== 'Single' || !master.entry.item.recurrence || index < 1) {
        throw new EwsError('ErrorCalendarOccurrenceIndexIsOutOfRecurrenceRange', {
          message: `${where}/OccurrenceItemId: ${masterId} has no occurrence ${index}.`,
        });
      }
      const id = occurrenceId(masterId, index - 1);
      const entry = master.calendar.entry(id);
      if (entry) return { ...master, entry };
      if (master.entry.item.deletedOccurrences?.includes(index - 1)) throw notFound(id);
      throw new EwsError('ErrorCalendarOccurrenceIndexIsOutOfRecurrenceRange', {
        message: `${where}/OccurrenceItemId: the series ${masterId} has fewer than ${index} occurrences.`,
      });
    }
    case 'RecurringMasterItemId': {
      const id = checkId(idEl.attr('OccurrenceId'), `${where}/RecurringMasterItemId`);
      const found = byEntryId(ctx, id);
      const master = found.calendar.entry(found.entry.item.id);
      if (!master?.item.recurrence) {
        throw new EwsError('ErrorItemNotFound', { message: `${where}: ${id} is not part of a recurring series.` });
      }
      return { ...found, entry: master };
    }
    default:
      throw new EwsError('ErrorInvalidRequest', {
        message: `${where}: <${idEl.name}> is not an item id this mock Exchange resolves (ItemId, OccurrenceItemId, RecurringMasterItemId).`,
      });
  }
}
