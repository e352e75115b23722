import { fault } from '../../ews/errors.ts';
import { responseMessages, successMessage } from '../../ews/soap-response.ts';
import { backEndOf } from '../notifications/back-end-affinity.ts';
import { notificationCenterOf } from '../notifications/notification-center.ts';
import type { EwsOperation } from '../operation.ts';

/** Unsubscribe: ends a pull or streaming subscription; push subscriptions end only through their subscriber. */
export const Unsubscribe: EwsOperation = {
  name: 'Unsubscribe',
  handle(ctx) {
    const id = ctx.request.body.textAt('SubscriptionId');
    if (!id) throw fault('ErrorSchemaValidation', 'The request failed schema validation: SubscriptionId is required.');
    notificationCenterOf(ctx.org).unsubscribe(id, ctx.account.user, backEndOf(ctx)?.name);
    return responseMessages('Unsubscribe', successMessage('UnsubscribeResponseMessage'));
  },
};
