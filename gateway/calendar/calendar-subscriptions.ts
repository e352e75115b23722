import { lookup as dnsLookup } from 'node:dns';
import { wireText } from '../../sim/wire-text.ts';
import type { EndUser } from '../config/user-store.ts';
import { EwsClient } from '../ews-client/ews-client.ts';
import type { LookupFunction } from '../network/gateway-network.ts';
import type { EngineSnapshot, EngineWorker } from '../presence-engine.ts';
import { boundaryDue, reread } from './boundary-timers.ts';
import {
  type CalendarContext,
  type CalendarSubscriptionsOptions,
  noStatusCounts,
  type SubscriptionStatusName,
  setStatus,
  type Tracked,
  track,
  type UserSubscription,
  untrack,
  untrackAll,
  view,
} from './calendar-context.ts';
import { LogOnce } from './log-once.ts';
import { NotificationListener, type PushNotification, type SubscriptionStatus } from './notification-listener.ts';
import { PushSenders } from './push-senders.ts';
import { armWatchdog, watchdogDue } from './recovery.ts';
import { StreamingGroups } from './streaming-groups.ts';
import { subscribe } from './subscribe-flow.ts';
import { SubscribeQueue } from './subscribe-queue.ts';
import { TimerBuckets } from './timer-buckets.ts';

/** The daily refresh and the watchdog run up to a second late so that users due together share one timer. */
const BUCKET_MS = 1000;

export type { CalendarSubscriptionsOptions, SubscriptionStatusName, UserSubscription } from './calendar-context.ts';

/**
 * Calendar work of the Presence Engine: a push subscription and a CalendarView per enabled user,
 * meeting boundaries scheduled on the sim clock, recovery with bounded back-off, failover in gateway order.
 */
export class CalendarSubscriptions implements EngineWorker {
  readonly #ctx: CalendarContext;
  #listener: NotificationListener | undefined;
  #stopUsers: (() => void) | undefined;
  #queue = new SubscribeQueue<string>(1);
  // Refused senders and unknown subscription ids are logged once each, however often they push.
  readonly #loggedSenders = new LogOnce(256);
  readonly #loggedIds = new LogOnce(1024);

  constructor(readonly options: CalendarSubscriptionsOptions) {
    this.#ctx = {
      options,
      snapshot: undefined,
      client: undefined,
      streams: undefined,
      callbackUrl: '',
      subs: new Map(),
      counts: noStatusCounts(),
      byId: new Map(),
      refreshes: new TimerBuckets<Tracked>(options.clock, BUCKET_MS, (t) =>
        reread(this.#ctx, t, 'daily calendar refresh'),
      ),
      watchdogs: new TimerBuckets<Tracked>(options.clock, BUCKET_MS, (t) => watchdogDue(this.#ctx, t)),
      // Exact to the millisecond: a publish instant is the boundary plus the user's spread offset.
      boundaries: new TimerBuckets<Tracked>(options.clock, 1, (t) => boundaryDue(this.#ctx, t)),
      requestSubscribe: (t, user) => this.#requestSubscribe(t, user),
      log: (level, message, data) => options.journal.record(level, 'calendar', message, data),
    };
  }

  get callbackUrl(): string {
    return this.#ctx.callbackUrl;
  }

  list(): UserSubscription[] {
    return [...this.#ctx.subs.values()].map(view);
  }

  /** How many users are in each subscription status, counted without building a view per user (a poll at scale). */
  statusCounts(): Record<SubscriptionStatusName, number> {
    return { ...this.#ctx.counts };
  }

  get(userId: string): UserSubscription | undefined {
    const t = this.#ctx.subs.get(userId.toLowerCase());
    return t && view(t);
  }

  /** Users waiting for their next meeting boundary, and the clock timers they share (one per publish instant). */
  get boundaries(): { users: number; timers: number } {
    return { users: this.#ctx.boundaries.size, timers: this.#ctx.boundaries.timers };
  }

  /** EWS requests in flight or waiting for an Exchange Thread, plus users waiting to subscribe. */
  get pendingWork(): { requests: number; queued: number; subscribing: number; waitingToSubscribe: number } {
    return {
      requests: this.#ctx.client?.inFlight ?? 0,
      queued: this.#ctx.client?.queued ?? 0,
      subscribing: this.#queue.running,
      waitingToSubscribe: this.#queue.waiting,
    };
  }

  async start(snapshot: EngineSnapshot): Promise<void> {
    this.#ctx.snapshot = snapshot;
    const p = snapshot.parameters;
    this.#ctx.client = new EwsClient({
      accountName: snapshot.account?.accountName ?? '',
      password: snapshot.account?.password ?? '',
      authMethod: snapshot.account?.authMethod ?? 'Basic',
      clock: this.options.clock,
      timeoutMs: p.exchangeTimeout * 1000,
      threads: p.exchangeThreads,
      queue: p.exchangeQueue,
      trusted: snapshot.trusted,
      lookup: this.options.lookup,
      policy: this.options.policy,
    });
    this.#queue = new SubscribeQueue<string>(p.exchangeThreads);
    this.#ctx.streams = new StreamingGroups(this.#ctx.client, this.options.clock, this.options.journal, {
      onEvents: (id, events) => this.#onPush({ subscriptionId: id, events }),
      onSubscriptionError: (id, code) => this.#onPush({ subscriptionId: id, events: [], error: code }),
    });
    const senders = new PushSenders(
      () => this.#ctx.snapshot?.gateways.map((g) => g.host) ?? [],
      this.options.lookup ?? (dnsLookup as unknown as LookupFunction),
      this.options.clock,
    );
    this.#listener = new NotificationListener((n) => this.#onPush(n), {
      allowSender: (address) => senders.allows(address),
      onRefusedSender: (address) => {
        if (this.#loggedSenders.first(address))
          this.#ctx.log(
            'warn',
            `push notification from ${wireText(address)}, not a configured gateway: replying Unsubscribe`,
          );
      },
    });
    const port = await this.#listener.start(
      this.options.notificationPort ?? p.notificationPort,
      this.options.listenHost,
    );
    this.#ctx.callbackUrl = `http://${this.options.callbackHost}:${port}/`;
    this.options.presence.outOfOffice = p.calendarOutOfOffice;
    this.#stopUsers = this.options.users.onChange((userId) => this.#reconcile(userId));
    if (!snapshot.account)
      this.#ctx.log('warn', 'no impersonation account is configured; calendar subscriptions will fail');
    for (const u of this.options.users.list()) this.#reconcile(u.userId, u);
  }

  async stop(reason: string): Promise<void> {
    this.#stopUsers?.();
    this.#queue.clear();
    for (const t of this.#ctx.subs.values()) this.#drop(t, 'unknown');
    untrackAll(this.#ctx);
    this.#ctx.byId.clear();
    this.#ctx.streams?.close();
    this.#ctx.streams = undefined;
    await this.#listener?.stop();
    this.#ctx.client?.close();
    this.#ctx.client = undefined;
    this.#ctx.snapshot = undefined;
    this.#ctx.log('info', `calendar subscriptions stopped (${reason})`);
  }

  /** Bring one user's subscription in line with the user's settings (added, toggled, unlicensed, removed). */
  #reconcile(userId: string, known?: EndUser): void {
    if (!this.#ctx.snapshot) return;
    const user = known ?? this.options.users.get(userId);
    const key = userId.toLowerCase();
    const current = this.#ctx.subs.get(key);
    const wanted = user?.impEnabled && user.calendaring && user.licensed;
    if (!wanted) {
      if (current) {
        this.#drop(current, 'unknown');
        untrack(this.#ctx, key);
        this.#ctx.log(
          'info',
          `calendar subscription for ${key} ended (${!user ? 'user removed' : !user.licensed ? 'license removed' : 'calendaring disabled'})`,
          { user: key },
        );
      }
      return;
    }
    if (current && current.mailbox === user.mailbox) {
      current.user = user;
      return;
    }
    if (current) {
      this.#drop(current, 'unknown');
      untrack(this.#ctx, key);
    }
    const t: Tracked = {
      userId: key,
      mailbox: user.mailbox,
      status: 'subscribing',
      mode: 'push',
      blocks: [],
      attempts: 0,
      epoch: 0,
      user,
    };
    track(this.#ctx, t);
    this.#requestSubscribe(t, user);
  }

  /** Subscribe (again) when the admission queue lets this user through; work for a replaced user is skipped. */
  #requestSubscribe(t: Tracked, user: EndUser): void {
    this.#queue.push(t.userId, async () => {
      if (this.#ctx.subs.get(t.userId) === t && this.#ctx.snapshot) await subscribe(this.#ctx, t, user);
    });
  }

  #onPush(n: PushNotification): SubscriptionStatus {
    const t = this.#ctx.byId.get(n.subscriptionId);
    if (!t || this.#ctx.subs.get(t.userId) !== t) {
      if (this.#loggedIds.first(n.subscriptionId))
        this.#ctx.log(
          'debug',
          `notification for unknown subscription ${wireText(n.subscriptionId)}: replying Unsubscribe`,
        );
      return 'Unsubscribe';
    }
    t.lastHeard = this.options.clock.now();
    const user = t.user;
    if (n.error) {
      // Missed events leave the old subscription alive: it is replaced, so Exchange is told to drop it.
      const missed = n.error === 'ErrorMissedNotificationEvents';
      this.#ctx.log(
        'warn',
        `Exchange reported ${n.error} for ${t.mailbox}; ${missed ? 'events were missed: re-reading the calendar and ' : ''}subscribing again`,
        { user: t.userId },
      );
      this.#requestSubscribe(t, user);
      return missed ? 'Unsubscribe' : 'OK';
    }
    armWatchdog(this.#ctx, t);
    if (n.events.some((e) => e !== 'StatusEvent')) reread(this.#ctx, t, 'notification');
    return 'OK';
  }

  #drop(t: Tracked, calendar: 'unknown'): void {
    const { clock } = this.options;
    t.epoch++;
    setStatus(this.#ctx, t, 'stopped');
    for (const timer of [t.retryTimer, t.pollTimer]) clock.clearTimeout(timer);
    this.#ctx.boundaries.delete(t);
    t.boundary = undefined;
    this.#ctx.refreshes.delete(t);
    this.#ctx.watchdogs.delete(t);
    this.#queue.delete(t.userId);
    if (t.subscriptionId) {
      this.#ctx.byId.delete(t.subscriptionId);
      this.#ctx.streams?.remove(t.subscriptionId);
    }
    this.options.presence.setCalendar(t.userId, calendar);
  }
}
