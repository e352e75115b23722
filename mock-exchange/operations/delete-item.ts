import { responseMessages, successMessage } from '../../ews/soap-response.ts';
import { isOrganizerCopy, sendCancellations, sendInvitations } from '../meeting-invitations.ts';
import type { EwsOperation } from '../operation.ts';
import { locateItem } from './item-locator.ts';
import { itemMessage } from './item-message.ts';
import { parseEnum, schemaError } from './request-values.ts';

const DELETE_TYPES = ['HardDelete', 'SoftDelete', 'MoveToDeletedItems'] as const;
const SEND_CANCELLATIONS = ['SendToNone', 'SendOnlyToAll', 'SendToAllAndSaveCopy'] as const;

/**
 * DeleteItem for calendar items. A series or single item leaves the calendar whatever the DeleteType (this
 * mock keeps no Deleted Items folder); an occurrence id removes just that occurrence from its series.
 * SendMeetingCancellations SendOnlyToAll or SendToAllAndSaveCopy on the organizer's meeting cancels the attendees'
 * copies (a deleted occurrence leaves their copies too); SendToNone leaves attendees' calendars alone.
 */
export const DeleteItem: EwsOperation = {
  name: 'DeleteItem',
  handle(ctx) {
    const body = ctx.request.body;
    parseEnum(body.attr('DeleteType'), DELETE_TYPES, 'DeleteItem@DeleteType');
    const send = body.attr('SendMeetingCancellations');
    if (send !== undefined) parseEnum(send, SEND_CANCELLATIONS, 'DeleteItem@SendMeetingCancellations');
    const ids = body.child('ItemIds')?.children ?? [];
    if (ids.length === 0) throw schemaError('DeleteItem/ItemIds', 'must hold at least one item id');
    const messages = ids.map((idEl, i) =>
      itemMessage(
        'DeleteItemResponseMessage',
        () => {
          const { mailbox, calendar, entry } = locateItem(ctx, idEl, `DeleteItem/ItemIds[${i + 1}]`);
          const cancel =
            (send === 'SendOnlyToAll' || send === 'SendToAllAndSaveCopy') && isOrganizerCopy(mailbox, entry.item);
          if (entry.type === 'Occurrence') {
            calendar.deleteOccurrence(entry.id);
            if (cancel) sendInvitations(ctx.org, mailbox, entry.item);
          } else {
            calendar.delete(entry.item.id);
            if (cancel) sendCancellations(ctx.org, mailbox, entry.item);
          }
          return successMessage('DeleteItemResponseMessage');
        },
        false,
      ),
    );
    return responseMessages('DeleteItem', ...messages);
  },
};
