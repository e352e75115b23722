import { EwsError } from '../../ews/errors.ts';
import type { NotificationCenter } from './notification-center.ts';
import type { Subscription } from './subscription.ts';

/** Why a subscription whose events the store could not read ended. */
export const READ_FAILED_REASON = 'ErrorReadEventsFailed: events could not be read';
export const READ_FAILED_MESSAGE =
  'Events could not be read for this subscription. The subscription must be re-created.';

/** GetEvents on a subscription whose events cannot be read: Exchange deletes it and answers ErrorReadEventsFailed. */
export function assertReadable(center: NotificationCenter, sub: Subscription): void {
  if (!sub.readFailed) return;
  center.end(sub, READ_FAILED_REASON);
  throw new EwsError('ErrorReadEventsFailed', { message: READ_FAILED_MESSAGE });
}

/**
 * The store cannot read a subscription's events; Exchange reports ErrorReadEventsFailed and deletes it. Push:
 * one error SendNotification at once (resolves to the subscriber's reply). Streaming on an open connection: an
 * error message naming it on the stream at once. Otherwise the subscriber's next GetEvents or GetStreamingEvents
 * gets the error.
 */
export async function failReadEvents(center: NotificationCenter, id: string): Promise<string> {
  const sub = center.find(id);
  if (!sub) throw new Error(`No live subscription "${id}"`);
  const channel = center.pushChannel(id);
  if (channel) {
    const outcome = await channel.failReadEvents();
    return outcome.status === 'failed' ? `${outcome.failure}: ${outcome.detail}` : outcome.status;
  }
  sub.readFailed = true;
  if (sub.kind === 'streaming' && center.streaming.connectionOf(sub) !== undefined) {
    center.end(sub, READ_FAILED_REASON);
    return 'sent on the open stream';
  }
  return sub.kind === 'pull' ? 'reported at the next GetEvents' : 'reported at the next GetStreamingEvents';
}

/** A push subscription's event queue overflowed: its undelivered events are lost (see PushChannel.missEvents). */
export function missEvents(center: NotificationCenter, id: string): number {
  const channel = center.pushChannel(id);
  if (!channel) throw new Error(`No live push subscription "${id}"`);
  return channel.missEvents();
}
