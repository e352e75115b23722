import { fault } from '../../ews/errors.ts';
import { responseMessages, successMessage } from '../../ews/soap-response.ts';
import { el } from '../../ews/xml-writer.ts';
import { backEndOf } from '../notifications/back-end-affinity.ts';
import { notificationCenterOf } from '../notifications/notification-center.ts';
import { notificationChildren } from '../notifications/notification-xml.ts';
import type { EwsOperation } from '../operation.ts';

/** GetEvents: the next events of a pull subscription (at most 50, MoreEvents), or a StatusEvent when idle. */
export const GetEvents: EwsOperation = {
  name: 'GetEvents',
  handle(ctx) {
    const id = ctx.request.body.textAt('SubscriptionId');
    const watermark = ctx.request.body.textAt('Watermark');
    if (!id || !watermark) {
      throw fault(
        'ErrorSchemaValidation',
        'The request failed schema validation: GetEvents needs SubscriptionId and Watermark.',
      );
    }
    const batch = notificationCenterOf(ctx.org).getEvents(id, watermark, ctx.account.user, backEndOf(ctx)?.name);
    return responseMessages(
      'GetEvents',
      successMessage('GetEventsResponseMessage', el('m:Notification', null, notificationChildren(batch))),
    );
  },
};
