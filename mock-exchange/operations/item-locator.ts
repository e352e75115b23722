import { EwsError } from '../../ews/errors.ts';
import type { XmlElement } from '../../ews/xml-element.ts';
import { type CalendarEntry, occurrenceId, parseOccurrenceId } from '../calendar.ts';
import type { EwsContext } from '../ews-context.ts';
import type { Mailbox } from '../organization.ts';
import { parseInteger } from './request-values.ts';

/** An item found for a request: the mailbox whose calendar holds it, and the entry (item or occurrence). */
export interface LocatedItem {
  mailbox: Mailbox;
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

/** The mailbox holding a series or single item, if the caller may open it. */
function mailboxOf(ctx: EwsContext, masterId: string): Mailbox {
  const own = ctx.mailbox;
  if (own?.calendar.get(masterId)) return own;
  for (const mbx of ctx.org.mailboxes.values()) {
    if (!mbx.calendar.get(masterId)) continue;
    // Without impersonation the account acts for itself: its own mailbox, or delegate access by its rights.
    const allowed =
      !ctx.request.impersonation && (ctx.account.mailbox === mbx.address || ctx.org.canImpersonate(ctx.account, mbx));
    if (!allowed) {
      throw new EwsError('ErrorAccessDenied', { message: `Access is denied to items of the mailbox ${mbx.address}.` });
    }
    return mbx;
  }
  throw notFound(masterId);
}

function byEntryId(ctx: EwsContext, id: string): LocatedItem {
  const masterId = parseOccurrenceId(id)?.masterId ?? id;
  const mailbox = mailboxOf(ctx, masterId);
  const entry = mailbox.calendar.entry(id);
  if (!entry) throw notFound(id);
  return { mailbox, entry };
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
      const entry = master.mailbox.calendar.entry(id);
      if (entry) return { mailbox: master.mailbox, entry };
      if (master.entry.item.deletedOccurrences?.includes(index - 1)) throw notFound(id);
      throw new EwsError('ErrorCalendarOccurrenceIndexIsOutOfRecurrenceRange', {
        message: `${where}/OccurrenceItemId: the series ${masterId} has fewer than ${index} occurrences.`,
      });
    }
    case 'RecurringMasterItemId': {
      const id = checkId(idEl.attr('OccurrenceId'), `${where}/RecurringMasterItemId`);
      const found = byEntryId(ctx, id);
      const master = found.mailbox.calendar.entry(found.entry.item.id);
      if (!master?.item.recurrence) {
        throw new EwsError('ErrorItemNotFound', { message: `${where}: ${id} is not part of a recurring series.` });
      }
      return { mailbox: found.mailbox, entry: master };
    }
    default:
      throw new EwsError('ErrorInvalidRequest', {
        message: `${where}: <${idEl.name}> is not an item id this mock Exchange resolves (ItemId, OccurrenceItemId, RecurringMasterItemId).`,
      });
  }
}
