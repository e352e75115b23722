import type { Clock, TimerHandle } from '../../sim/clock.ts';
import type { Journal } from '../../sim/journal.ts';
import type { CertificatePolicy } from '../certificates/certificate-policy.ts';
import type { PresenceGateway } from '../config/gateway-store.ts';
import type { EndUser, UserStore } from '../config/user-store.ts';
import type { EwsClient } from '../ews-client/ews-client.ts';
import type { CalendarBlock, FolderRef } from '../ews-client/ews-requests.ts';
import type { LookupFunction } from '../network/gateway-network.ts';
import type { PresenceStore } from '../presence/presence-store.ts';
import type { EngineSnapshot } from '../presence-engine.ts';
import type { StreamingGroups } from './streaming-groups.ts';
import type { TimerBuckets } from './timer-buckets.ts';

export type SubscriptionStatusName = 'subscribing' | 'subscribed' | 'retrying' | 'folder-not-found' | 'stopped';

/** One user's calendar subscription as the engine tracks it. */
export interface UserSubscription {
  userId: string;
  mailbox: string;
  status: SubscriptionStatusName;
  mode: 'push' | 'pull' | 'streaming';
  gateway?: string;
  subscriptionId?: string;
  reason?: string;
  blocks: CalendarBlock[];
  lastHeard?: number;
  attempts: number;
}

export interface Tracked extends UserSubscription {
  /** Changed only through setStatus, which keeps the context's counts. */
  readonly status: SubscriptionStatusName;
  /** Bumped to cancel async work begun for an older subscription. */
  epoch: number;
  folder?: FolderRef;
  watermark?: string;
  retryTimer?: TimerHandle;
  /** The next meeting boundary and the instant its state is published (Calendar Spread), on ctx.boundaries. */
  boundary?: { instant: number; publishAt: number };
  pollTimer?: TimerHandle;
  /** The user's settings as of the last change the store reported (saves a query per notification). */
  user: EndUser;
}

export interface CalendarSubscriptionsOptions {
  clock: Clock;
  journal: Journal;
  users: UserStore;
  presence: PresenceStore;
  lookup?: LookupFunction;
  /** Host the push callback URL names (the IM&P node as Exchange reaches it). */
  callbackHost: string;
  /** Overrides the Microsoft Exchange Notification Port (tests use 0). */
  notificationPort?: number;
  listenHost?: string;
  /** The word a user's calendar folder is looked up by through a gateway (default: its localecalendarname). */
  folderWord?: (userId: string, gateway: PresenceGateway) => string;
  /** The node's release certificate policy, for the engine's EWS connections. */
  policy?: CertificatePolicy;
  /**
   * Test-only: the silence watchdog never re-subscribes, so `pgsim chaos`'s tests can show that a broken
   * recovery path is caught. No command or configuration sets it.
   */
  watchdogDisabled?: boolean;
}

/** What the subscribe flow, delivery modes, boundary timers and recovery share with the class composing them. */
export interface CalendarContext {
  readonly options: CalendarSubscriptionsOptions;
  /** Set while the engine runs; undefined before start and after stop. */
  snapshot: EngineSnapshot | undefined;
  client: EwsClient | undefined;
  streams: StreamingGroups | undefined;
  callbackUrl: string;
  /** Tracked users by lower-cased user id: change it only through track, untrack and untrackAll. */
  readonly subs: ReadonlyMap<string, Tracked>;
  /** How many tracked users are in each status, kept as statuses change (no walk over every user to count). */
  readonly counts: Record<SubscriptionStatusName, number>;
  readonly byId: Map<string, Tracked>;
  /** The daily calendar re-read of every user, on shared timers. */
  readonly refreshes: TimerBuckets<Tracked>;
  /** The silence watchdog of every push subscription, on shared timers. */
  readonly watchdogs: TimerBuckets<Tracked>;
  /** Every user's next publish at a meeting boundary: one timer per instant, shared by the users due then. */
  readonly boundaries: TimerBuckets<Tracked>;
  /** Subscribe (again) when the admission queue lets this user through. */
  requestSubscribe(t: Tracked, user: EndUser): void;
  log(level: 'debug' | 'info' | 'warn', message: string, data?: Record<string, unknown>): void;
}

/** No user in any status. */
export function noStatusCounts(): Record<SubscriptionStatusName, number> {
  return { subscribing: 0, subscribed: 0, retrying: 0, 'folder-not-found': 0, stopped: 0 };
}

/** A user's status from now on; counted while the user is tracked (work for a replaced user changes no count). */
export function setStatus(ctx: CalendarContext, t: Tracked, status: SubscriptionStatusName): void {
  if (t.status === status) return;
  if (ctx.subs.get(t.userId) === t) {
    ctx.counts[t.status]--;
    ctx.counts[status]++;
  }
  (t as UserSubscription).status = status;
}

/** Start tracking `t` under its user id (the caller has untracked whoever was there). */
export function track(ctx: CalendarContext, t: Tracked): void {
  (ctx.subs as Map<string, Tracked>).set(t.userId, t);
  ctx.counts[t.status]++;
}

/** Stop tracking the user with this (lower-cased) id, if tracked. */
export function untrack(ctx: CalendarContext, key: string): void {
  const t = ctx.subs.get(key);
  if (!t) return;
  (ctx.subs as Map<string, Tracked>).delete(key);
  ctx.counts[t.status]--;
}

/** Stop tracking everyone. */
export function untrackAll(ctx: CalendarContext): void {
  (ctx.subs as Map<string, Tracked>).clear();
  Object.assign(ctx.counts, noStatusCounts());
}

/** What callers see of a tracked subscription: no timers, epochs or cached settings. */
export function view({
  userId,
  mailbox,
  status,
  mode,
  gateway,
  subscriptionId,
  reason,
  blocks,
  lastHeard,
  attempts,
}: Tracked): UserSubscription {
  return { userId, mailbox, status, mode, gateway, subscriptionId, reason, blocks, lastHeard, attempts };
}
