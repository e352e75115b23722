import { EwsError } from '../../ews/errors.ts';
import type { XmlElement } from '../../ews/xml-element.ts';
import type { Calendar, CalendarEntry } from '../calendar.ts';
import type { EwsContext } from '../ews-context.ts';
import { createdFolders } from '../folder-tree.ts';
import { type ParsedEwsId, parseEwsId } from '../ids/mailbox-ids.ts';
import type { Mailbox } from '../organization.ts';
import { parseInteger } from './request-values.ts';

/** An item found for a request: the mailbox and calendar (its own, or a created folder's) holding it, and the entry. */
export interface LocatedItem {
  mailbox: Mailbox;
  calendar: Calendar;
  entry: CalendarEntry;
}

function checkId(id: string | undefined, where: string): ParsedEwsId {
  if (id === undefined || id.trim() === '') {
    throw new EwsError('ErrorInvalidIdEmpty', { message: `${where}: the Id is empty.` });
  }
  const parsed = parseEwsId(id);
  if (!parsed) throw new EwsError('ErrorInvalidIdMalformed', { message: `${where}: Id "${id}" is malformed.` });
  return parsed;
}

function notFound(id: string): EwsError {
  return new EwsError('ErrorItemNotFound', { message: `The specified object was not found in the store: ${id}.` });
}

/** The calendar of a mailbox holding an item: the mailbox's own, else one of its created calendar folders. */
function calendarHolding(mbx: Mailbox, masterId: string): Calendar | undefined {
  if (mbx.calendar.get(masterId)) return mbx.calendar;
  for (const folder of createdFolders(mbx)) if (folder.calendar?.get(masterId)) return folder.calendar;
  return undefined;
}

/** The mailbox the id names, if the caller may open it. */
function mailboxOf(ctx: EwsContext, parsed: ParsedEwsId): Mailbox {
  const mbx = ctx.org.mailboxByGuid(parsed.mailboxGuid);
  if (!mbx) throw notFound(parsed.id);
  if (mbx === ctx.mailbox) return mbx;
  // Without impersonation the account acts for itself: its own mailbox, or delegate access by its rights.
  const allowed =
    !ctx.request.impersonation && (ctx.account.mailbox === mbx.address || ctx.org.canImpersonate(ctx.account, mbx));
  if (!allowed) {
    throw new EwsError('ErrorAccessDenied', { message: `Access is denied to items of the mailbox ${mbx.address}.` });
  }
  return mbx;
}

function byEntryId(ctx: EwsContext, parsed: ParsedEwsId): LocatedItem {
  if (parsed.kind === 'folder')
    throw new EwsError('ErrorCannotUseFolderIdForItemId', { message: `${parsed.id} is a folder id, not an item id.` });
  const mailbox = mailboxOf(ctx, parsed);
  const calendar = calendarHolding(mailbox, parsed.kind === 'occurrence' ? parsed.seriesId : parsed.id);
  const entry = calendar?.entry(parsed.id);
  if (!calendar || !entry) throw notFound(parsed.id);
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
      const parsed = checkId(idEl.attr('RecurringMasterId'), `${where}/OccurrenceItemId`);
      const masterId = parsed.id;
      const index = parseInteger(idEl.attr('InstanceIndex'), `${where}/OccurrenceItemId@InstanceIndex`);
      const master = byEntryId(ctx, parsed);
      if (master.entry.type !== 'Single' || !master.entry.item.recurrence || index < 1) {
        throw new EwsError('ErrorCalendarOccurrenceIndexIsOutOfRecurrenceRange', {
          message: `${where}/OccurrenceItemId: ${masterId} has no occurrence ${index}.`,
        });
      }
      const entry = master.calendar.occurrence(masterId, index - 1);
      if (entry) return { ...master, entry };
      if (master.entry.item.deletedOccurrences?.includes(index - 1))
        throw notFound(`${masterId} (occurrence ${index})`);
      throw new EwsError('ErrorCalendarOccurrenceIndexIsOutOfRecurrenceRange', {
        message: `${where}/OccurrenceItemId: the series ${masterId} has fewer than ${index} occurrences.`,
      });
    }
    case 'RecurringMasterItemId': {
      const parsed = checkId(idEl.attr('OccurrenceId'), `${where}/RecurringMasterItemId`);
      const id = parsed.id;
      const found = byEntryId(ctx, parsed);
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
