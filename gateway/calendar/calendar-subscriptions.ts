import type { Clock, TimerHandle } from '../../sim/clock.ts';
import type { Journal } from '../../sim/journal.ts';
import type { PresenceGateway } from '../config/gateway-store.ts';
import type { EndUser, UserStore } from '../config/user-store.ts';
import { EwsCallError } from '../ews-client/ews-call-error.ts';
import { EwsClient } from '../ews-client/ews-client.ts';
import {
  type CalendarBlock,
  type FolderRef,
  findCalendarView,
  findFolderByName,
  getEvents,
  subscribePull,
  subscribePush,
  subscribeStreaming,
} from '../ews-client/ews-requests.ts';
import type { LookupFunction } from '../network/gateway-network.ts';
import type { PresenceStore } from '../presence/presence-store.ts';
import type { EngineSnapshot, EngineWorker } from '../presence-engine.ts';
import { publishTime } from './calendar-spread.ts';
import { calendarStateAt, nextBoundary } from './meeting-state.ts';
import { NotificationListener, type PushNotification, type SubscriptionStatus } from './notification-listener.ts';
import { StreamingGroups } from './streaming-groups.ts';
import { SubscribeQueue } from './subscribe-queue.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Bounded back-off for retries that Exchange gave no BackOffMilliseconds for. */
const RETRY_BASE_MS = 5_000;
const RETRY_MAX_MS = 5 * 60_000;
/** Failures that mean "this server cannot be used now": try the next gateway in order. */
const FAILOVER_KINDS = new Set(['network', 'timeout', 'tls', 'http', 'unauthorized', 'malformed']);

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

interface Tracked extends UserSubscription {
  /** Bumped to cancel async work begun for an older subscription. */
  epoch: number;
  folder?: FolderRef;
  watermark?: string;
  retryTimer?: TimerHandle;
  boundaryTimer?: TimerHandle;
  watchdogTimer?: TimerHandle;
  pollTimer?: TimerHandle;
  refreshTimer?: TimerHandle;
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
}

/**
 * Calendar work of the Presence Engine: a push subscription and a CalendarView per enabled user,
 * meeting boundaries scheduled on the sim clock, recovery with bounded back-off, failover in gateway order.
 */
export class CalendarSubscriptions implements EngineWorker {
  readonly #subs = new Map<string, Tracked>();
  readonly #byId = new Map<string, Tracked>();
  #snapshot: EngineSnapshot | undefined;
  #client: EwsClient | undefined;
  #listener: NotificationListener | undefined;
  #callbackUrl = '';
  #stopUsers: (() => void) | undefined;
  #queue = new SubscribeQueue<string>(1);
  #streams: StreamingGroups | undefined;

  constructor(readonly options: CalendarSubscriptionsOptions) {}

  get callbackUrl(): string {
    return this.#callbackUrl;
  }

  list(): UserSubscription[] {
    return [...this.#subs.values()].map(view);
  }

  get(userId: string): UserSubscription | undefined {
    const t = this.#subs.get(userId.toLowerCase());
    return t && view(t);
  }

  /** EWS requests in flight or waiting for an Exchange Thread, plus users waiting to subscribe. */
  get pendingWork(): { requests: number; queued: number; subscribing: number; waitingToSubscribe: number } {
    return {
      requests: this.#client?.inFlight ?? 0,
      queued: this.#client?.queued ?? 0,
      subscribing: this.#queue.running,
      waitingToSubscribe: this.#queue.waiting,
    };
  }

  async start(snapshot: EngineSnapshot): Promise<void> {
    this.#snapshot = snapshot;
    const p = snapshot.parameters;
    this.#client = new EwsClient({
      accountName: snapshot.account?.accountName ?? '',
      password: snapshot.account?.password ?? '',
      authMethod: snapshot.account?.authMethod ?? 'Basic',
      clock: this.options.clock,
      timeoutMs: p.exchangeTimeout * 1000,
      threads: p.exchangeThreads,
      queue: p.exchangeQueue,
      trusted: snapshot.trusted,
      lookup: this.options.lookup,
    });
    this.#queue = new SubscribeQueue<string>(p.exchangeThreads);
    this.#streams = new StreamingGroups(this.#client, this.options.clock, this.options.journal, {
      onEvents: (id, events) => this.#onPush({ subscriptionId: id, events }),
      onSubscriptionError: (id, code) => this.#onPush({ subscriptionId: id, events: [], error: code }),
    });
    this.#listener = new NotificationListener((n) => this.#onPush(n));
    const port = await this.#listener.start(
      this.options.notificationPort ?? p.notificationPort,
      this.options.listenHost,
    );
    this.#callbackUrl = `http://${this.options.callbackHost}:${port}/`;
    this.options.presence.outOfOffice = p.calendarOutOfOffice;
    this.#stopUsers = this.options.users.onChange((userId) => this.#reconcile(userId));
    if (!snapshot.account)
      this.#log('warn', 'no impersonation account is configured; calendar subscriptions will fail');
    for (const u of this.options.users.list()) this.#reconcile(u.userId, u);
  }

  async stop(reason: string): Promise<void> {
    this.#stopUsers?.();
    this.#queue.clear();
    for (const t of this.#subs.values()) this.#drop(t, 'unknown');
    this.#subs.clear();
    this.#byId.clear();
    this.#streams?.close();
    this.#streams = undefined;
    await this.#listener?.stop();
    this.#client?.close();
    this.#client = undefined;
    this.#snapshot = undefined;
    this.#log('info', `calendar subscriptions stopped (${reason})`);
  }

  /** Bring one user's subscription in line with the user's settings (added, toggled, unlicensed, removed). */
  #reconcile(userId: string, known?: EndUser): void {
    if (!this.#snapshot) return;
    const user = known ?? this.options.users.get(userId);
    const key = userId.toLowerCase();
    const current = this.#subs.get(key);
    const wanted = user !== undefined && user.impEnabled && user.calendaring && user.licensed;
    if (!wanted) {
      if (current) {
        this.#drop(current, 'unknown');
        this.#subs.delete(key);
        this.#log(
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
      this.#subs.delete(key);
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
    this.#subs.set(key, t);
    this.#requestSubscribe(t, user);
  }

  /** Subscribe (again) when the admission queue lets this user through; work for a replaced user is skipped. */
  #requestSubscribe(t: Tracked, user: EndUser): void {
    this.#queue.push(t.userId, async () => {
      if (this.#subs.get(t.userId) === t && this.#snapshot) await this.#subscribe(t, user);
    });
  }

  /** Subscribe where the first healthy gateway (in configured order) lets us, then read the calendar. */
  async #subscribe(t: Tracked, user: EndUser): Promise<void> {
    const epoch = ++t.epoch;
    const snap = this.#snapshot;
    const client = this.#client;
    if (!snap || !client) return;
    t.status = 'subscribing';
    t.attempts++;
    const gateways = [...snap.gateways].sort((a, b) => a.order - b.order);
    if (gateways.length === 0) return this.#retry(t, user, epoch, 'no Presence Gateway is configured');
    let lastError: EwsCallError | undefined;
    for (const gw of gateways) {
      const ep = { host: gw.host, port: gw.port };
      try {
        const word = this.options.folderWord?.(t.userId, gw) ?? gw.localecalendarname;
        const folderId = await findFolderByName(client, ep, user.mailbox, word);
        if (epoch !== t.epoch) return;
        if (!folderId) {
          t.status = 'folder-not-found';
          t.gateway = gw.host;
          this.options.presence.setCalendar(t.userId, 'unknown');
          return this.#retry(
            t,
            user,
            epoch,
            word === gw.localecalendarname
              ? `calendar folder "${word}" (pebackendgateway.localecalendarname of ${gw.host}) not found in mailbox ${user.mailbox}; its calendar folder has another name`
              : `calendar folder "${word}" not found in mailbox ${user.mailbox}: the user's locale on Cisco Unified CM was set before the locale was installed on both nodes, so the default word is used; set the user locale again`,
            'folder-not-found',
          );
        }
        t.folder = { id: folderId };
        await this.#subscribeOn(t, user, gw, client, snap);
        if (epoch !== t.epoch) return;
        t.gateway = gw.host;
        t.status = 'subscribed';
        t.reason = undefined;
        t.attempts = 0;
        t.lastHeard = this.options.clock.now();
        this.#log(
          'info',
          `subscribed to the calendar of ${user.mailbox} through ${gw.host} (${t.mode}, ${t.subscriptionId})`,
          { user: t.userId, gateway: gw.host },
        );
        await this.#readCalendar(t, epoch);
        this.#armWatchdog(t, user);
        return;
      } catch (thrown) {
        if (epoch !== t.epoch) return;
        // Anything unexpected is reported like a malformed answer: the engine must keep running.
        const err =
          thrown instanceof EwsCallError
            ? thrown
            : new EwsCallError('malformed', `unexpected error: ${(thrown as Error).message ?? String(thrown)}`);
        lastError = err;
        this.#log('warn', `subscribing ${user.mailbox} through ${gw.host} failed: ${err.message}`, {
          user: t.userId,
          gateway: gw.host,
          kind: err.kind,
          code: err.code,
        });
        if (!FAILOVER_KINDS.has(err.kind)) break;
      }
    }
    this.options.presence.setCalendar(t.userId, 'unknown');
    this.#retry(t, user, epoch, lastError?.message ?? 'failed', 'retrying', lastError?.details.backOffMs);
  }

  async #subscribeOn(
    t: Tracked,
    user: EndUser,
    gw: PresenceGateway,
    client: EwsClient,
    snap: EngineSnapshot,
  ): Promise<void> {
    const ep = { host: gw.host, port: gw.port };
    const folder = t.folder ?? { distinguished: 'calendar' as const };
    const mode = gw.mode;
    t.mode = mode;
    if (t.subscriptionId) {
      this.#byId.delete(t.subscriptionId);
      this.#streams?.remove(t.subscriptionId);
    }
    if (mode === 'streaming') {
      const sub = await subscribeStreaming(client, ep, user.mailbox, folder);
      t.subscriptionId = sub.subscriptionId;
      this.#streams?.add(ep, sub.subscriptionId);
    } else if (mode === 'pull') {
      const sub = await subscribePull(
        client,
        ep,
        user.mailbox,
        folder,
        Math.max(snap.parameters.office365PullInterval * 2, 10),
      );
      t.subscriptionId = sub.subscriptionId;
      t.watermark = sub.watermark;
      this.#schedulePoll(t, user, gw);
    } else {
      const sub = await subscribePush(
        client,
        ep,
        user.mailbox,
        folder,
        this.#callbackUrl,
        snap.parameters.ewsStatusFrequency,
      );
      t.subscriptionId = sub.subscriptionId;
    }
    this.#byId.set(t.subscriptionId, t);
  }

  /** FindItem CalendarView around now; apply the state at once and schedule the next boundary. */
  async #readCalendar(t: Tracked, epoch: number): Promise<void> {
    const client = this.#client;
    const snap = this.#snapshot;
    if (!client || !snap || !t.folder) return;
    const gw = snap.gateways.find((g) => g.host === t.gateway) ?? snap.gateways[0];
    if (!gw) return;
    const now = this.options.clock.now();
    const blocks = await findCalendarView(
      client,
      { host: gw.host, port: gw.port },
      t.mailbox,
      t.folder,
      now - DAY,
      now + 2 * DAY,
    );
    if (epoch !== t.epoch) return;
    t.blocks = blocks;
    this.options.presence.setCalendar(t.userId, calendarStateAt(blocks, now));
    this.#scheduleBoundary(t, now);
    // The view reaches two days ahead: read it again daily so a quiet calendar never runs out of boundaries.
    this.options.clock.clearTimeout(t.refreshTimer);
    t.refreshTimer = this.options.clock.setTimeout(() => this.#reread(t, 'daily calendar refresh'), DAY);
  }

  /** Re-read after a notification or refresh; a failed read means the subscription needs renewing. */
  #reread(t: Tracked, why: string): void {
    const epoch = t.epoch;
    const user = t.user;
    if (t.status !== 'subscribed') return;
    this.#readCalendar(t, epoch).catch((err: unknown) => {
      if (epoch !== t.epoch) return;
      this.#log('warn', `re-reading the calendar of ${t.mailbox} (${why}) failed: ${(err as Error).message}`, {
        user: t.userId,
      });
      this.#requestSubscribe(t, user);
    });
  }

  #scheduleBoundary(t: Tracked, after: number): void {
    const { clock } = this.options;
    clock.clearTimeout(t.boundaryTimer);
    const snap = this.#snapshot;
    const boundary = nextBoundary(t.blocks, after);
    if (boundary === undefined || !snap) return;
    const at = publishTime(boundary, t.userId, snap.parameters.calendarSpread);
    const fire = () => {
      if (t.status !== 'subscribed') return;
      // Node's timers run on the loop's cached time and can fire a millisecond early on the wall clock.
      if (clock.now() < at) {
        t.boundaryTimer = clock.setTimeout(fire, at - clock.now());
        return;
      }
      this.options.presence.setCalendar(t.userId, calendarStateAt(t.blocks, boundary));
      this.#scheduleBoundary(t, boundary);
    };
    t.boundaryTimer = clock.setTimeout(fire, at - clock.now());
  }

  /** Silence for 2 x EWS Status Frequency means the subscription is gone: subscribe again and re-read. */
  #armWatchdog(t: Tracked, user: EndUser): void {
    const { clock } = this.options;
    clock.clearTimeout(t.watchdogTimer);
    const snap = this.#snapshot;
    if (!snap || t.mode !== 'push') return;
    const limit = 2 * snap.parameters.ewsStatusFrequency * 60_000;
    const due = (t.lastHeard ?? clock.now()) + limit;
    t.watchdogTimer = clock.setTimeout(() => {
      if (clock.now() - (t.lastHeard ?? 0) >= limit) {
        this.#log('warn', `no notification for ${user.mailbox} in 2 x EWS Status Frequency; subscribing again`, {
          user: t.userId,
        });
        this.#requestSubscribe(t, user);
      } else this.#armWatchdog(t, user);
    }, due - clock.now());
  }

  #schedulePoll(t: Tracked, user: EndUser, gw: PresenceGateway): void {
    const { clock } = this.options;
    const snap = this.#snapshot;
    const client = this.#client;
    if (!snap || !client) return;
    clock.clearTimeout(t.pollTimer);
    t.pollTimer = clock.setTimeout(() => {
      const epoch = t.epoch;
      if (!t.subscriptionId || !t.watermark) return;
      getEvents(client, { host: gw.host, port: gw.port }, user.mailbox, t.subscriptionId, t.watermark)
        .then(async (r) => {
          if (epoch !== t.epoch) return;
          t.watermark = r.watermark;
          t.lastHeard = clock.now();
          if (r.changed) await this.#readCalendar(t, epoch);
          this.#schedulePoll(t, user, gw);
        })
        .catch((err: unknown) => {
          if (epoch !== t.epoch) return;
          this.#log('warn', `pull for ${user.mailbox} failed: ${(err as Error).message}; subscribing again`, {
            user: t.userId,
          });
          this.#requestSubscribe(t, user);
        });
    }, snap.parameters.office365PullInterval * 60_000);
  }

  #retry(
    t: Tracked,
    user: EndUser,
    epoch: number,
    reason: string,
    status: SubscriptionStatusName = 'retrying',
    backOffMs?: number,
  ): void {
    if (epoch !== t.epoch) return;
    t.status = status;
    t.reason = reason;
    const delay = backOffMs ?? Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** Math.min(10, t.attempts - 1));
    this.#log('warn', `calendar for ${user.mailbox}: ${reason}; retrying in ${Math.round(delay / 1000)} s`, {
      user: t.userId,
      status,
      delayMs: delay,
    });
    this.options.clock.clearTimeout(t.retryTimer);
    t.retryTimer = this.options.clock.setTimeout(() => {
      if (epoch === t.epoch && this.#subs.get(t.userId) === t) this.#requestSubscribe(t, user);
    }, delay);
  }

  #onPush(n: PushNotification): SubscriptionStatus {
    const t = this.#byId.get(n.subscriptionId);
    if (!t || this.#subs.get(t.userId) !== t) {
      this.#log('debug', `notification for unknown subscription ${n.subscriptionId}: replying Unsubscribe`);
      return 'Unsubscribe';
    }
    t.lastHeard = this.options.clock.now();
    const user = t.user;
    if (n.error) {
      this.#log('warn', `Exchange reported ${n.error} for ${t.mailbox}; subscribing again`, { user: t.userId });
      this.#requestSubscribe(t, user);
      return 'OK';
    }
    this.#armWatchdog(t, user);
    if (n.events.some((e) => e !== 'StatusEvent')) this.#reread(t, 'notification');
    return 'OK';
  }

  #drop(t: Tracked, calendar: 'unknown'): void {
    const { clock } = this.options;
    t.epoch++;
    t.status = 'stopped';
    for (const timer of [t.retryTimer, t.boundaryTimer, t.watchdogTimer, t.pollTimer, t.refreshTimer])
      clock.clearTimeout(timer);
    this.#queue.delete(t.userId);
    if (t.subscriptionId) {
      this.#byId.delete(t.subscriptionId);
      this.#streams?.remove(t.subscriptionId);
    }
    this.options.presence.setCalendar(t.userId, calendar);
  }

  #log(level: 'debug' | 'info' | 'warn', message: string, data?: Record<string, unknown>): void {
    this.options.journal.record(level, 'calendar', message, data);
  }
}

/** What callers see of a tracked subscription: no timers, epochs or cached settings. */
function view({
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
}: Tracked) {
  return { userId, mailbox, status, mode, gateway, subscriptionId, reason, blocks, lastHeard, attempts };
}
