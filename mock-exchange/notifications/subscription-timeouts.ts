import type { Clock } from '../../sim/clock.ts';
import type { Subscription } from './subscription.ts';

/** Ends a subscription for good, with the reason the journal and the admin API show. */
export type EndSubscription = (sub: Subscription, reason: string) => void;

/** A pull subscription ends when no GetEvents comes within its Timeout (default 30 minutes). */
export function armPullTimeout(clock: Clock, sub: Subscription, end: EndSubscription): void {
  clock.clearTimeout(sub.timer);
  const minutes = sub.spec.timeoutMinutes ?? 30;
  sub.timer = clock.setTimeout(() => end(sub, `Timeout: no GetEvents for ${minutes} minutes`), minutes * 60_000);
}

/** A streaming subscription with no open connection expires after the idle window. */
export function armStreamingExpiry(clock: Clock, sub: Subscription, idleMs: number, end: EndSubscription): void {
  clock.clearTimeout(sub.timer);
  sub.timer = clock.setTimeout(() => end(sub, 'no streaming connection within the expiry window'), idleMs);
}
