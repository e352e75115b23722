import type { TimerHandle } from '../../sim/clock.ts';
import type { ChangeEvent, MailboxChangeLog } from './change-log.ts';
import type { EventType } from './event-types.ts';

export type SubscriptionKind = 'push' | 'pull' | 'streaming';

/** Exchange caps one notification (GetEvents reply, push, streaming message) at 50 events. */
export const MAX_EVENTS_PER_NOTIFICATION = 50;

export interface SubscriptionSpec {
  kind: SubscriptionKind;
  mailbox: string;
  /** Creator account: only it may GetEvents / stream / Unsubscribe. */
  account: string;
  eventTypes: readonly EventType[];
  allFolders: boolean;
  /** Position in the mailbox's change log to start after (from the request's Watermark, else the head). */
  startSeq: number;
  /** Pull: minutes without GetEvents before the subscription expires (1-1440). */
  timeoutMinutes?: number;
  /** Push: minutes between StatusEvents, and the retry budget (1-1440). */
  statusFrequencyMinutes?: number;
  /** Push: the subscriber's callback URL. */
  url?: string;
  /**
   * Push (Exchange 2013+): the request's CallerData, shown in the admin listing. It is not echoed in SendNotification:
   * the schema has no place for it there (NotificationType, SendNotificationResponseMessageType), and Microsoft
   * documents the element as "intended for internal use only".
   */
  callerData?: string;
}

/** One notification subscription, held by the back end its Subscribe was routed to (by default the mailbox's home server). */
export class Subscription {
  readonly kind: SubscriptionKind;
  readonly mailbox: string;
  readonly account: string;
  readonly eventTypes: ReadonlySet<EventType>;
  readonly allFolders: boolean;
  readonly createdAt: number;
  /** Last position delivered (or acknowledged) to the subscriber. */
  cursor: number;
  /** Set when the mailbox moved away: events after this position never reach this subscription. */
  blindAfter: number | undefined;
  lastDeliveryAt: number | undefined;
  /** Consecutive failed push attempts in the current retry run. */
  retries = 0;
  /** The store can no longer read this subscription's events: its next read reports ErrorReadEventsFailed and ends it. */
  readFailed = false;
  /** Why the subscription ended, once it has. */
  endedReason: string | undefined;
  /** The subscription's current timer (pull timeout, push status/retry, streaming idle expiry). */
  timer: TimerHandle | undefined;

  constructor(
    readonly id: string,
    readonly server: string,
    readonly spec: SubscriptionSpec,
    now: number,
  ) {
    this.kind = spec.kind;
    this.mailbox = spec.mailbox;
    this.account = spec.account;
    this.eventTypes = new Set(spec.eventTypes);
    this.allFolders = spec.allFolders;
    this.cursor = spec.startSeq;
    this.createdAt = now;
  }

  get ended(): boolean {
    return this.endedReason !== undefined;
  }

  /** The newest log position this subscription can ever see. */
  horizon(log: MailboxChangeLog): number {
    return this.blindAfter === undefined ? log.head : Math.min(log.head, this.blindAfter);
  }

  wants(e: ChangeEvent): boolean {
    return this.eventTypes.has(e.type);
  }

  /** Undelivered events after `from` (default: the cursor), at most `limit`, and whether more remain. */
  pending(
    log: MailboxChangeLog,
    from = this.cursor,
    limit = MAX_EVENTS_PER_NOTIFICATION,
  ): { events: ChangeEvent[]; more: boolean } {
    const events: ChangeEvent[] = [];
    for (const e of log.after(from, this.horizon(log))) {
      if (!this.wants(e)) continue;
      if (events.length === limit) return { events, more: true };
      events.push(e);
    }
    return { events, more: false };
  }
}
