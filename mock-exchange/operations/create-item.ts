import { EwsError } from '../../ews/errors.ts';
import { responseMessages, successMessage } from '../../ews/soap-response.ts';
import type { XmlElement } from '../../ews/xml-element.ts';
import { el } from '../../ews/xml-writer.ts';
import { allAttendees, type Calendar } from '../calendar.ts';
import { type EwsContext, requireMailbox } from '../ews-context.ts';
import { folderTree } from '../folder-tree.ts';
import { parseEwsId } from '../ids/mailbox-ids.ts';
import { sendInvitations } from '../meeting-invitations.ts';
import type { EwsOperation } from '../operation.ts';
import type { Mailbox } from '../organization.ts';
import { settleExtended } from './calendar-item-extended.ts';
import { contextZone, parseCalendarItem, resolveTimes } from './calendar-item-fields.ts';
import { settleSchedule } from './calendar-item-schedule.ts';
import { itemIdXml } from './calendar-item-xml.ts';
import { resolveCalendarFolder } from './get-folder.ts';
import { itemMessage } from './item-message.ts';
import { MEETING_RESPONSE_OBJECTS, meetingResponseObject } from './meeting-response-objects.ts';
import { applyMimeContent } from './mime-content.ts';
import { parseEnum, schemaError } from './request-values.ts';

/** Where CreateItem saves: SavedItemFolderId's calendar (a created calendar folder too), else the mailbox's. */
function savedItemCalendar(
  ctx: EwsContext,
  folderEl: XmlElement | undefined,
): { mailbox: Mailbox; calendar: Calendar } {
  if (folderEl?.name === 'FolderId') {
    // A calendar folder made by CreateFolder, in the mailbox its id names (only created folders have their own).
    const parsed = parseEwsId(folderEl.attr('Id') ?? '');
    const folderId = parsed?.kind === 'folder' ? parsed : undefined;
    const mbx = folderId && ctx.org.mailboxByGuid(folderId.mailboxGuid);
    const folder = mbx && folderId && folderTree(mbx).byId(folderId.id);
    if (mbx && folder?.calendar) {
      const allowed =
        ctx.mailbox === mbx || ctx.account.mailbox === mbx.address || ctx.org.canImpersonate(ctx.account, mbx);
      if (!allowed) throw new EwsError('ErrorAccessDenied');
      return { mailbox: mbx, calendar: folder.calendar };
    }
  }
  const mailbox = folderEl ? resolveCalendarFolder(ctx, folderEl) : requireMailbox(ctx);
  return { mailbox, calendar: mailbox.calendar };
}

export const SEND_MEETING_INVITATIONS = ['SendToNone', 'SendOnlyToAll', 'SendToAllAndSaveCopy'] as const;
const MESSAGE_DISPOSITIONS = ['SaveOnly', 'SendOnly', 'SendAndSaveCopy'] as const;

/** SendMeetingInvitations values that deliver the meeting to its attendees. */
export const SENDS_INVITATIONS = new Set(['SendOnlyToAll', 'SendToAllAndSaveCopy']);

/**
 * CreateItem for calendar items, saved in SavedItemFolderId's calendar or the mailbox's own. SendOnlyToAll and
 * SendToAllAndSaveCopy put a copy of a meeting in each attendee mailbox of the organization; the response objects
 * AcceptItem, TentativelyAcceptItem, DeclineItem and CancelCalendarItem answer or cancel a meeting.
 */
export const CreateItem: EwsOperation = {
  name: 'CreateItem',
  handle(ctx) {
    const body = ctx.request.body;
    const send = body.attr('SendMeetingInvitations');
    if (send !== undefined) parseEnum(send, SEND_MEETING_INVITATIONS, 'CreateItem@SendMeetingInvitations');
    const disposition = body.attr('MessageDisposition');
    if (disposition !== undefined) parseEnum(disposition, MESSAGE_DISPOSITIONS, 'CreateItem@MessageDisposition');
    const items = body.child('Items')?.children ?? [];
    if (items.length === 0) throw schemaError('CreateItem/Items', 'must hold at least one item');
    const folderEl = body.child('SavedItemFolderId')?.children[0];

    const messages = items.map((itemEl, i) =>
      itemMessage(
        'CreateItemResponseMessage',
        () => {
          const where = `CreateItem/Items/${itemEl.name}[${i + 1}]`;
          if (MEETING_RESPONSE_OBJECTS.includes(itemEl.name))
            return meetingResponseObject(ctx, itemEl, disposition, where);
          const { mailbox, calendar } = savedItemCalendar(ctx, folderEl);
          if (itemEl.name !== 'CalendarItem') {
            throw new EwsError('ErrorInvalidItemForOperationCreateItem', {
              message: `${where}: this mock Exchange creates calendar items (t:CalendarItem) and meeting responses (${MEETING_RESPONSE_OBJECTS.join(', ')}) only.`,
            });
          }
          const patch = parseCalendarItem(itemEl, where, ctx.org);
          const zone = contextZone(ctx) ?? mailbox.timeZone;
          applyMimeContent(patch, zone, mailbox.address);
          resolveTimes(patch, zone);
          settleSchedule(patch, undefined, where);
          settleExtended(patch, undefined);
          const { start, end, subject, ...rest } = patch.values;
          // Only the organizer's meeting is sent (an imported iCalendar may name someone else as organizer).
          const organizes = rest.organizer === undefined || rest.organizer.address.toLowerCase() === mailbox.address;
          const invite =
            send !== undefined && SENDS_INVITATIONS.has(send) && organizes && allAttendees(rest).length > 0;
          const item = calendar.create({
            ...rest,
            subject: subject ?? '',
            start: start!,
            end: end!,
            meetingRequestWasSent: invite || undefined,
          });
          if (invite) sendInvitations(ctx.org, mailbox, item);
          const entry = { item, id: item.id, start: item.start, end: item.end, type: 'Single' as const };
          return successMessage(
            'CreateItemResponseMessage',
            el('m:Items', null, el('t:CalendarItem', null, itemIdXml(entry))),
          );
        },
        true,
      ),
    );
    return responseMessages('CreateItem', ...messages);
  },
};
