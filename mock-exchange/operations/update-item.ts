import { EwsError } from '../../ews/errors.ts';
import { responseMessages, successMessage } from '../../ews/soap-response.ts';
import type { XmlElement } from '../../ews/xml-element.ts';
import { el, txt } from '../../ews/xml-writer.ts';
import { allAttendees, type CalendarItem } from '../calendar.ts';
import type { EwsContext } from '../ews-context.ts';
import { isOrganizerCopy, sendUpdate } from '../meeting-invitations.ts';
import type { EwsOperation } from '../operation.ts';
import { applyDeleteExtendedField, applySetExtendedField, settleExtended } from './calendar-item-extended.ts';
import {
  applyAppendToItemField,
  applyDeleteItemField,
  applySetItemField,
  type CalendarPatch,
  contextZone,
  resolveTimes,
} from './calendar-item-fields.ts';
import { settleSchedule } from './calendar-item-schedule.ts';
import { itemIdXml } from './calendar-item-xml.ts';
import { type LocatedItem, locateItem } from './item-locator.ts';
import { itemMessage } from './item-message.ts';
import { applyMimeContent } from './mime-content.ts';
import { checkOccurrenceMove } from './occurrence-bounds.ts';
import { parseEnum, schemaError } from './request-values.ts';

const CONFLICT_RESOLUTIONS = ['NeverOverwrite', 'AutoResolve', 'AlwaysOverwrite'] as const;
type ConflictResolution = (typeof CONFLICT_RESOLUTIONS)[number];
const SEND_OR_CANCEL = [
  'SendToNone',
  'SendOnlyToAll',
  'SendOnlyToChanged',
  'SendToAllAndSaveCopy',
  'SendToChangedAndSaveCopy',
] as const;
const MESSAGE_DISPOSITIONS = ['SaveOnly', 'SendOnly', 'SendAndSaveCopy'] as const;
const PATHS = ['FieldURI', 'IndexedFieldURI', 'ExtendedFieldURI'];

/** Turn the Updates of one ItemChange into one patch, so the item changes once (one event, one ChangeKey). */
function patchFrom(
  ctx: EwsContext,
  updates: readonly XmlElement[],
  current: CalendarItem,
  where: string,
): CalendarPatch {
  const patch: CalendarPatch = { values: {}, clear: [] };
  for (const [j, update] of updates.entries()) {
    const at = `${where}/Updates/${update.name}[${j + 1}]`;
    const path = update.children.find((c) => PATHS.includes(c.name));
    if (!path) throw schemaError(at, 'names no property (FieldURI)');
    if (path.name === 'ExtendedFieldURI') {
      if (update.name === 'SetItemField') {
        const itemEl = update.children.find((c) => c !== path);
        if (!itemEl) throw schemaError(at, 'has no item holding the new value');
        applySetExtendedField(path, itemEl, at, patch);
      } else if (update.name === 'DeleteItemField') applyDeleteExtendedField(path, at, patch);
      else throw schemaError(at, `${update.name} is not an item change`);
      continue;
    }
    const uri = path.attr('FieldURI');
    if (path.name !== 'FieldURI' || !uri) {
      throw new EwsError('ErrorInvalidPropertySet', {
        message: `${at}: ${path.name} properties cannot be changed on a calendar item in this mock Exchange.`,
      });
    }
    if (update.name === 'SetItemField') {
      const itemEl = update.children.find((c) => c !== path);
      if (!itemEl) throw schemaError(at, 'has no item holding the new value');
      applySetItemField(uri, itemEl, at, ctx.org, patch);
    } else if (update.name === 'DeleteItemField') {
      applyDeleteItemField(uri, at, patch);
    } else if (update.name === 'AppendToItemField') {
      const itemEl = update.children.find((c) => c !== path);
      if (!itemEl) throw schemaError(at, 'has no item holding the values to append');
      applyAppendToItemField(uri, itemEl, at, ctx.org, patch, current);
    } else {
      throw new EwsError('ErrorInvalidPropertySet', {
        message: `${at}: ${update.name} is not supported for calendar items by this mock Exchange.`,
      });
    }
  }
  return patch;
}

type SendOrCancel = (typeof SEND_OR_CANCEL)[number];

/** Send the organizer's change to the attendees the setting names (SendToNone: nobody). */
function sendChange(ctx: EwsContext, located: LocatedItem, previous: CalendarItem, send: SendOrCancel | undefined) {
  if (send === undefined || send === 'SendToNone' || !isOrganizerCopy(located.mailbox, previous)) return;
  const item = located.calendar.get(previous.id);
  if (!item) return;
  const changedOnly = send === 'SendOnlyToChanged' || send === 'SendToChangedAndSaveCopy';
  sendUpdate(ctx.org, located.mailbox, item, allAttendees(previous), changedOnly);
}

function applyChange(
  ctx: EwsContext,
  change: XmlElement,
  conflict: ConflictResolution,
  send: SendOrCancel | undefined,
  where: string,
): string {
  const idEl = change.children.find((c) => c.name !== 'Updates');
  if (!idEl) throw schemaError(where, 'has no item id');
  const { mailbox, calendar, entry } = locateItem(ctx, idEl, where);
  const sentKey = idEl.attr('ChangeKey');
  if (conflict === 'NeverOverwrite' && sentKey !== undefined && sentKey !== entry.item.changeKey) {
    throw new EwsError('ErrorIrresolvableConflict');
  }
  const updates = change.child('Updates')?.children ?? [];
  if (updates.length === 0) throw schemaError(`${where}/Updates`, 'must hold at least one change');
  const patch = patchFrom(ctx, updates, entry.item, where);
  const previous = { ...entry.item };
  if (entry.type === 'Occurrence') {
    const message = changeOccurrence(ctx, { mailbox, calendar, entry }, patch, where);
    sendChange(ctx, { mailbox, calendar, entry }, previous, send);
    return message;
  }
  const current = entry.item;
  const zone = contextZone(ctx) ?? current.startTimeZone ?? current.recurrence?.timeZone ?? mailbox.timeZone;
  applyMimeContent(patch, zone, mailbox.address);
  resolveTimes(patch, zone);
  // A new StartTimeZone moves the series' zone too, even when the pattern itself is unchanged.
  if (patch.startZone && !patch.values.recurrence && current.recurrence && !patch.clear.includes('recurrence'))
    patch.values.recurrence = { ...current.recurrence, timeZone: patch.startZone };
  settleSchedule(patch, entry.item, where);
  settleExtended(patch, current);
  const item = calendar.update(entry.item.id, patch.values, patch.clear);
  if (!item) throw new EwsError('ErrorItemNotFound');
  sendChange(ctx, { mailbox, calendar, entry }, previous, send);
  return successMessage(
    'UpdateItemResponseMessage',
    el('m:Items', null, el('t:CalendarItem', null, itemIdXml({ ...entry, item }))),
    el('m:ConflictResults', null, txt('t:Count', 0)),
  );
}

/** Properties an occurrence can change on its own; the others belong to its series. */
const OCCURRENCE_VALUES = new Set(['subject', 'location', 'start', 'end']);

/** SetItemField on an occurrence makes it an exception: Start, End, Subject and Location of its own. */
function changeOccurrence(ctx: EwsContext, located: LocatedItem, patch: CalendarPatch, where: string): string {
  const { mailbox, calendar, entry } = located;
  const other =
    Object.keys(patch.values).find((k) => !OCCURRENCE_VALUES.has(k)) ??
    patch.clear[0] ??
    (patch.recurrence || patch.mime || patch.extendedSet || patch.extendedDeleted ? 'series properties' : undefined);
  if (other !== undefined) {
    throw new EwsError('ErrorInvalidOperation', {
      message: `${where}: an occurrence changes only Start, End, Subject and Location on its own (not ${other}); update the series for the rest.`,
    });
  }
  const item = entry.item;
  const zone = contextZone(ctx) ?? item.startTimeZone ?? item.recurrence?.timeZone ?? mailbox.timeZone;
  resolveTimes(patch, zone);
  const { start, end, subject, location } = patch.values;
  // Moving the start alone keeps the occurrence's length, as Outlook moves a meeting.
  const length = entry.end - entry.start;
  const newStart = start ?? entry.start;
  const newEnd = end ?? (start === undefined ? entry.end : start + length);
  if (newEnd < newStart) {
    throw new EwsError('ErrorCalendarEndDateIsEarlierThanStartDate', {
      message: `${where}: the occurrence would end (${new Date(newEnd).toISOString()}) before it starts (${new Date(newStart).toISOString()}).`,
    });
  }
  if (start !== undefined || end !== undefined) checkOccurrenceMove(entry, mailbox, newStart, newEnd, where);
  const changed = calendar.modifyOccurrence(entry.id, { start: newStart, end: newEnd, subject, location });
  if (!changed) throw new EwsError('ErrorItemNotFound');
  return successMessage(
    'UpdateItemResponseMessage',
    el('m:Items', null, el('t:CalendarItem', null, itemIdXml(changed))),
    el('m:ConflictResults', null, txt('t:Count', 0)),
  );
}

/**
 * UpdateItem for calendar items: SetItemField / DeleteItemField on the properties CreateItem stores. Each
 * ItemChange is applied whole or not at all; ConflictResolution NeverOverwrite refuses a stale ChangeKey.
 * SendMeetingInvitationsOrCancellations other than SendToNone sends the organizer's change to attendees' copies.
 */
export const UpdateItem: EwsOperation = {
  name: 'UpdateItem',
  handle(ctx) {
    const body = ctx.request.body;
    const conflict = parseEnum(body.attr('ConflictResolution'), CONFLICT_RESOLUTIONS, 'UpdateItem@ConflictResolution');
    const sendAttr = body.attr('SendMeetingInvitationsOrCancellations');
    const send =
      sendAttr === undefined
        ? undefined
        : parseEnum(sendAttr, SEND_OR_CANCEL, 'UpdateItem@SendMeetingInvitationsOrCancellations');
    const disposition = body.attr('MessageDisposition');
    if (disposition !== undefined) parseEnum(disposition, MESSAGE_DISPOSITIONS, 'UpdateItem@MessageDisposition');
    const changes = body.child('ItemChanges')?.children ?? [];
    if (changes.length === 0) throw schemaError('UpdateItem/ItemChanges', 'must hold at least one ItemChange');
    const messages = changes.map((change, i) =>
      itemMessage(
        'UpdateItemResponseMessage',
        () => applyChange(ctx, change, conflict, send, `UpdateItem/ItemChanges/ItemChange[${i + 1}]`),
        true,
      ),
    );
    return responseMessages('UpdateItem', ...messages);
  },
};
