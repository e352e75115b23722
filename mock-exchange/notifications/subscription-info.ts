import type { MailboxChangeLog } from './change-log.ts';
import type { Subscription, SubscriptionKind } from './subscription.ts';

/** A subscription as the admin API and the lab list it. */
export interface SubscriptionInfo {
  id: string;
  kind: SubscriptionKind;
  mailbox: string;
  /** The server holding it: the back end the Subscribe was routed to (affinity), else the mailbox's home server. */
  server: string;
  account: string;
  /** active | retrying (push without answers) | connected / disconnected (streaming). */
  state: 'active' | 'retrying' | 'connected' | 'disconnected';
  /** The mailbox moved away after this subscription was made: it will never see another event. */
  stale: boolean;
  eventTypes: string[];
  createdAt: string;
  lastDeliveryAt: string | null;
  retries: number;
  /** Watermark of the last position delivered. */
  watermark: string;
  url?: string;
  statusFrequencyMinutes?: number;
  /** Push: the Subscribe request's CallerData (Exchange 2013+), when it had one. */
  callerData?: string;
  timeoutMinutes?: number;
  connectionId?: number;
}

const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());

export function describeSubscription(
  sub: Subscription,
  log: MailboxChangeLog,
  retrying: boolean,
  connectionId: number | undefined,
): SubscriptionInfo {
  const state =
    sub.kind === 'streaming'
      ? connectionId === undefined
        ? 'disconnected'
        : 'connected'
      : retrying
        ? 'retrying'
        : 'active';
  return {
    id: sub.id,
    kind: sub.kind,
    mailbox: sub.mailbox,
    server: sub.server,
    account: sub.account,
    state,
    stale: sub.blindAfter !== undefined,
    eventTypes: [...sub.eventTypes],
    createdAt: new Date(sub.createdAt).toISOString(),
    lastDeliveryAt: iso(sub.lastDeliveryAt),
    retries: sub.retries,
    watermark: log.watermark(sub.cursor),
    url: sub.spec.url,
    statusFrequencyMinutes: sub.kind === 'push' ? (sub.spec.statusFrequencyMinutes ?? 30) : undefined,
    callerData: sub.spec.callerData,
    timeoutMinutes: sub.spec.timeoutMinutes,
    connectionId,
  };
}
