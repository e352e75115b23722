import { EwsError } from '../../ews/errors.ts';
import { backEndOf } from '../notifications/back-end-affinity.ts';
import { notificationCenterOf } from '../notifications/notification-center.ts';
import { MAX_SUBSCRIPTIONS_PER_CONNECTION, writeStreamingError } from '../notifications/streaming-hub.ts';
import type { EwsOperation } from '../operation.ts';
import { XS_INT } from './request-values.ts';

/**
 * GetStreamingEvents: a hanging chunked 200 response carrying the events of up to 200 streaming
 * subscriptions for ConnectionTimeout minutes. Every error is a 200 with an error message, never
 * another status: ews-javascript-api cannot handle one on this operation.
 */
export const GetStreamingEvents: EwsOperation = {
  name: 'GetStreamingEvents',
  handle() {
    throw new EwsError('ErrorInvalidRequest', { message: 'GetStreamingEvents is answered as a stream.' });
  },
  stream(ctx, res) {
    const ids =
      ctx.request.body
        .child('SubscriptionIds')
        ?.all('SubscriptionId')
        .map((e) => e.text.trim()) ?? [];
    const timeoutText = ctx.request.body.textAt('ConnectionTimeout') ?? '';
    const timeout = Number(timeoutText);
    if (ids.length === 0 || ids.some((id) => id === '')) {
      throw new EwsError('ErrorInvalidRequest', { message: 'GetStreamingEvents needs at least one SubscriptionId.' });
    }
    if (ids.length > MAX_SUBSCRIPTIONS_PER_CONNECTION) {
      throw new EwsError('ErrorInvalidRequest', {
        message: `A streaming connection carries at most ${MAX_SUBSCRIPTIONS_PER_CONNECTION} subscriptions; the request names ${ids.length}.`,
      });
    }
    // StreamingSubscriptionConnectionTimeoutType: an xs:int from 1 to 30.
    if (!XS_INT.test(timeoutText) || timeout < 1 || timeout > 30) {
      throw new EwsError('ErrorInvalidRequest', {
        message: `ConnectionTimeout "${timeoutText}" must be an integer number of minutes from 1 to 30.`,
      });
    }
    notificationCenterOf(ctx.org).streaming.open({
      account: ctx.account.user,
      server: ctx.server.name,
      backEnd: backEndOf(ctx)?.name,
      subscriptionIds: ids,
      timeoutMinutes: timeout,
      res,
    });
  },
  streamError(err, res) {
    writeStreamingError(res, err);
  },
};
