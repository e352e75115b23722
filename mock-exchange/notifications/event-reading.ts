import { EwsError } from '../../ews/errors.ts';
import type { MailboxChangeLog } from './change-log.ts';
import type { NotificationBatch } from './notification-xml.ts';
import type { Subscription } from './subscription.ts';

const WHY: Record<string, (address: string) => string> = {
  malformed: () => 'is malformed',
  'other-mailbox': (address) => `belongs to another mailbox than ${address}`,
  unknown: () => 'is unknown',
  expired: () => 'is older than the event retention window',
};

/** The log position a Subscribe's Watermark names, or ErrorInvalidWatermark saying why it cannot be used. */
export function startPosition(log: MailboxChangeLog, watermark: string): number {
  const pos = log.position(watermark);
  if (pos.ok) return pos.seq;
  throw new EwsError('ErrorInvalidWatermark', { message: `The watermark ${WHY[pos.reason]?.(log.address)}.` });
}

/**
 * GetEvents: up to 50 events after the client's watermark (which must be a position of this
 * subscription), else a StatusEvent at the newest position the subscription can see. Moves the cursor.
 */
export function readPullEvents(
  sub: Subscription,
  log: MailboxChangeLog,
  watermark: string,
  now: number,
): NotificationBatch {
  const pos = log.position(watermark);
  // A watermark of this mailbox whose events left the retention window: they were missed, not invalid.
  // The subscription stays; the client is expected to resynchronize and subscribe again (Microsoft's
  // "Handling notification-related errors in EWS in Exchange").
  if (!pos.ok && pos.reason === 'expired') {
    throw new EwsError('ErrorMissedNotificationEvents', {
      message: `Events after the watermark have left the ${Math.round(log.retentionMs / 86_400_000)}-day event retention window and were missed; resynchronize and create a new subscription.`,
    });
  }
  if (!pos.ok || pos.seq < sub.spec.startSeq) {
    throw new EwsError('ErrorInvalidWatermark', {
      message: pos.ok
        ? `The watermark precedes subscription ${sub.id}.`
        : `The watermark ${WHY[pos.reason]?.(log.address)}.`,
    });
  }
  const horizon = sub.horizon(log);
  const from = Math.min(pos.seq, horizon);
  const { events, more } = sub.pending(log, from);
  sub.cursor = events.length ? events[events.length - 1]!.seq : horizon;
  sub.lastDeliveryAt = now;
  return {
    subscriptionId: sub.id,
    previousWatermark: log.watermark(from),
    moreEvents: more,
    events,
    statusWatermark: log.watermark(horizon),
  };
}
