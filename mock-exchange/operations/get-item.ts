import { responseMessages, successMessage } from '../../ews/soap-response.ts';
import { el } from '../../ews/xml-writer.ts';
import type { EwsOperation } from '../operation.ts';
import { calendarItemXml } from './calendar-item-xml.ts';
import { locateItem } from './item-locator.ts';
import { itemMessage } from './item-message.ts';
import { parseItemShape } from './item-shape.ts';
import { schemaError } from './request-values.ts';

/** GetItem: one response message per requested id, in request order; a bad id fails only its own message. */
export const GetItem: EwsOperation = {
  name: 'GetItem',
  handle(ctx) {
    const body = ctx.request.body;
    const shape = parseItemShape(body.child('ItemShape'), 'GetItem');
    const ids = body.child('ItemIds')?.children ?? [];
    if (ids.length === 0) throw schemaError('GetItem/ItemIds', 'must hold at least one item id');
    const messages = ids.map((idEl, i) =>
      itemMessage(
        'GetItemResponseMessage',
        () => {
          const { mailbox, entry } = locateItem(ctx, idEl, `GetItem/ItemIds[${i + 1}]`);
          return successMessage(
            'GetItemResponseMessage',
            el('m:Items', null, calendarItemXml(entry, mailbox, ctx.org, shape, 'GetItem')),
          );
        },
        true,
      ),
    );
    return responseMessages('GetItem', ...messages);
  },
};
