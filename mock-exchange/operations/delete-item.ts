import { responseMessages, successMessage } from '../../ews/soap-response.ts';
import type { EwsOperation } from '../operation.ts';
import { locateItem } from './item-locator.ts';
import { itemMessage } from './item-message.ts';
import { parseEnum, schemaError } from './request-values.ts';

const DELETE_TYPES = ['HardDelete', 'SoftDelete', 'MoveToDeletedItems'] as const;
const SEND_CANCELLATIONS = ['SendToNone', 'SendOnlyToAll', 'SendToAllAndSaveCopy'] as const;

/**
 * DeleteItem for calendar items. A series or single item leaves the calendar whatever the DeleteType (this
 * mock keeps no Deleted Items folder); an occurrence id removes just that occurrence from its series.
 * Cancellations are accepted (SendMeetingCancellations) but not delivered.
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
          const { calendar, entry } = locateItem(ctx, idEl, `DeleteItem/ItemIds[${i + 1}]`);
          if (entry.type === 'Occurrence') calendar.deleteOccurrence(entry.id);
          else calendar.delete(entry.item.id);
          return successMessage('DeleteItemResponseMessage');
        },
        false,
      ),
    );
    return responseMessages('DeleteItem', ...messages);
  },
};
