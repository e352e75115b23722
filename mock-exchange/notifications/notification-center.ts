import { EventEmitter } from 'node:events';
import { EwsError } from '../../ews/errors.ts';
import type { Clock } from '../../sim/clock.ts';
import type { IdGenerator } from '../../sim/ids.ts';
import type { Journal } from '../../sim/journal.ts';
import type { HostsTable } from '../../sim/network.ts';
import type { Mailbox, Organization } from '../organization.ts';
import { ChangeFeed } from './change-feed.ts';
import type { MailboxChangeLog } from './change-log.ts';
import { assertReadable } from './event-loss.ts';
import { readPullEvents, startPosition } from './event-reading.ts';
import type { EventType } from './event-types.ts';
import { MailboxMoves } from './mailbox-moves.ts';
import { attachNotificationCenter, notificationCenterOf } from './notification-center-of.ts';
import {
  type NotificationOptions,
  type ResolvedNotificationOptions,
  resolveNotificationOptions,
} from './notification-options.ts';
import type { NotificationBatch } from './notification-xml.ts';
import { type PushAttempt, PushChannel, type PushHost } from './push-channel.ts';
import { PushSender } from './push-sender.ts';
import { validatePushUrl } from './push-url.ts';
import { StreamingHub } from './streaming-hub.ts';
import { Subscription, type SubscriptionKind } from './subscription.ts';
import { encodeSubscriptionId } from './subscription-id.ts';
import { describeSubscription, type SubscriptionInfo } from './subscription-info.ts';
import { SubscriptionRegistry } from './subscription-registry.ts';
import { armPullTimeout, armStreamingExpiry, type EndSubscription } from './subscription-timeouts.ts';
import { ThrottlingPolicies } from './throttling-policies.ts';
import type { ThrottlingPolicy } from './throttling-policy.ts';

export type { NotificationOptions };

export { notificationCenterOf };

export interface NotificationEvents {
  subscribed: [SubscriptionInfo];
  ended: [{ id: string; kind: SubscriptionKind; mailbox: string; reason: string }];
  push: [PushAttempt];
  'stream-opened': [{ connectionId: number; server: string; account: string; subscriptionIds: string[] }];
  'stream-closed': [{ connectionId: number }];
  'mailbox-moved': [{ address: string; from: string; to: string }];
  'server-restarted': [{ server: string; lost: number }];
}

export interface SubscribeRequest {
  kind: SubscriptionKind;
  mailbox: Mailbox;
  account: string;
  eventTypes: readonly EventType[];
  allFolders?: boolean;
  /** Start after this watermark (pull and push) instead of now. */
  watermark?: string;
  timeoutMinutes?: number;
  statusFrequencyMinutes?: number;
  url?: string;
  callerData?: string;
  /** The Mailbox server the request was routed to (affinity); default: the mailbox's home server. */
  backEnd?: string;
}

/**
 * Subscriptions of the whole organization: a registry per server (what a restart loses), the change
 * feed that numbers mailbox events, push channels, pull state and streaming connections.
 */
export class NotificationCenter extends EventEmitter<NotificationEvents> {
  readonly feed: ChangeFeed;
  readonly sender: PushSender;
  readonly streaming: StreamingHub;
  readonly moves: MailboxMoves;
  readonly policies: ThrottlingPolicies;
  readonly #subs: SubscriptionRegistry;
  readonly #push = new Map<string, PushChannel>();
  readonly #pushHost: PushHost;
  /** Set by the organization: an injected fault (callback-unreachable) that stops a push leaving its server. */
  pushBlocked: ((sub: Subscription) => string | undefined) | undefined;
  readonly #options: ResolvedNotificationOptions;

  constructor(
    readonly org: Organization,
    readonly clock: Clock,
    readonly journal: Journal,
    readonly ids: IdGenerator,
    hosts: HostsTable | undefined,
    options: NotificationOptions = {},
  ) {
    super();
    this.#options = resolveNotificationOptions(options);
    this.policies = new ThrottlingPolicies(options.defaultThrottlingPolicy, options.throttling);
    this.moves = new MailboxMoves(this);
    this.#subs = new SubscriptionRegistry(org.servers.keys());
    this.feed = new ChangeFeed(org, ids.seed, this.#options.retentionMs, (mbx) => this.#changed(mbx));
    this.sender = new PushSender({
      clock,
      hosts,
      timeoutMs: this.#options.pushTimeoutMs,
      maxSockets: this.#options.pushMaxSockets,
    });
    this.streaming = new StreamingHub(this, this.#options.streamingKeepAliveMs);
    this.#pushHost = {
      clock,
      sender: this.sender,
      log: (sub) => this.log(sub),
      attempted: (sub, attempt) => this.#pushAttempted(sub, attempt),
      blocked: (sub) => this.pushBlocked?.(sub),
      end: (sub, reason) => this.end(sub, reason),
      sourceAddress: (sub) => org.server(sub.server)?.ip,
    };
    attachNotificationCenter(org, this);
  }

  log(sub: Subscription | Mailbox): MailboxChangeLog {
    const mbx = this.org.mailbox(sub instanceof Subscription ? sub.mailbox : sub.address);
    if (!mbx) throw new Error(`Unknown mailbox ${sub instanceof Subscription ? sub.mailbox : sub.address}`);
    return this.feed.log(mbx);
  }

  policy(account: string): ThrottlingPolicy {
    return this.policies.policy(account);
  }

  setPolicy(account: string, patch: Partial<ThrottlingPolicy>): ThrottlingPolicy {
    return this.policies.set(account, patch);
  }

  /** Create a subscription where the mailbox lives now; throws EwsError as Exchange answers. */
  subscribe(req: SubscribeRequest): Subscription {
    const { mailbox: mbx } = req;
    this.assertNotMoving(mbx.address);
    this.policies.checkSubscribe(req.account, this.#subs.subscriptionCount(req.account));
    const log = this.feed.log(mbx);
    if (req.watermark !== undefined && req.kind === 'streaming') {
      throw new EwsError('ErrorInvalidSubscriptionRequest', {
        message: 'Streaming subscriptions do not take a Watermark.',
      });
    }
    const startSeq = req.watermark === undefined ? log.head : startPosition(log, req.watermark);
    if (req.kind === 'push') validatePushUrl(req.url);
    const server = this.org.server(req.backEnd ?? mbx.homeServer)!;
    const id = encodeSubscriptionId(server.fqdn, this.ids.bytes('subscription', 16));
    const sub = new Subscription(
      id,
      server.name,
      // Written out, not spread from the request: a spread copy gets a hidden class of its own, 400 bytes each.
      {
        kind: req.kind,
        mailbox: mbx.address,
        account: req.account,
        eventTypes: req.eventTypes,
        allFolders: req.allFolders ?? false,
        startSeq,
        timeoutMinutes: req.timeoutMinutes,
        statusFrequencyMinutes: req.statusFrequencyMinutes,
        url: req.url,
        callerData: req.callerData,
      },
      this.clock.now(),
    );
    this.#subs.add(sub);
    if (sub.kind === 'push') this.#push.set(id, new PushChannel(sub, this.#pushHost, this.#options.pushInitialStatus));
    else if (sub.kind === 'pull') armPullTimeout(this.clock, sub, this.#end);
    else this.armStreamingExpiry(sub);
    this.journal.record('info', `notifications:${server.name}`, `${sub.kind} subscription created for ${mbx.address}`, {
      subscriptionId: id,
      account: req.account,
      url: req.url,
    });
    this.emit('subscribed', this.describe(sub));
    // A push subscription that starts at an old watermark has events to deliver at once.
    if (sub.kind === 'push' && startSeq < log.head) this.#push.get(id)?.notify();
    return sub;
  }

  /** Find a live subscription by id on any server (a CAS proxies to the mailbox server). */
  find(id: string): Subscription | undefined {
    return this.#subs.find(id);
  }

  /** A subscription the caller may use (on `backEnd` when the request was routed to one), or the EWS error. */
  require(id: string, account: string | undefined, backEnd?: string): Subscription {
    return this.#subs.require(id, account, backEnd);
  }

  unsubscribe(id: string, account?: string, backEnd?: string): void {
    const sub = this.require(id, account, backEnd);
    if (sub.kind === 'push') throw new EwsError('ErrorInvalidPullSubscriptionId');
    this.end(sub, 'Unsubscribe');
  }

  /** GetEvents: up to 50 events after the client's watermark, else a StatusEvent; resets the Timeout. */
  getEvents(id: string, watermark: string, account?: string, backEnd?: string): NotificationBatch {
    const sub = this.require(id, account, backEnd);
    if (sub.kind !== 'pull') throw new EwsError('ErrorInvalidPullSubscriptionId');
    assertReadable(this, sub);
    const batch = readPullEvents(sub, this.log(sub), watermark, this.clock.now());
    armPullTimeout(this.clock, sub, this.#end);
    return batch;
  }

  readonly #end: EndSubscription = (sub, reason) => this.end(sub, reason);

  /** Remove a subscription for good, stopping its timers, channel and stream. */
  end(sub: Subscription, reason: string): void {
    if (sub.ended) return;
    sub.endedReason = reason;
    this.clock.clearTimeout(sub.timer);
    sub.timer = undefined;
    this.#subs.remove(sub);
    this.#push.get(sub.id)?.stop();
    this.#push.delete(sub.id);
    this.streaming.dropSubscription(sub, reason);
    this.journal.record(
      'info',
      `notifications:${sub.server}`,
      `${sub.kind} subscription for ${sub.mailbox} ended: ${reason}`,
      {
        subscriptionId: sub.id,
      },
    );
    this.emit('ended', { id: sub.id, kind: sub.kind, mailbox: sub.mailbox, reason });
  }

  /** The push channel of a live push subscription. */
  pushChannel(id: string): PushChannel | undefined {
    return this.#push.get(id);
  }

  /** An EWS/IIS restart of one server: every subscription it holds is gone, its open streams die. */
  restartServer(name: string): { lost: number } {
    const subs = this.#subs.heldBy(name);
    if (!subs) throw new Error(`Unknown server "${name}"`);
    this.streaming.destroyServedBy(name);
    for (const sub of subs) this.end(sub, `server ${name} restarted`);
    this.journal.record('warn', `server:${name}`, `restarted: ${subs.length} subscriptions lost`);
    this.emit('server-restarted', { server: name, lost: subs.length });
    return { lost: subs.length };
  }

  /** Move a mailbox to another server (see MailboxMoves). */
  moveMailbox(address: string, to: string, windowMs = 0): { from: string; to: string; completesAt: number } {
    return this.moves.move(address, to, windowMs);
  }

  /** ErrorMailboxMoveInProgress while a mailbox is inside its move window. */
  assertNotMoving(address: string): void {
    this.moves.assertNotMoving(address);
  }

  /** The live subscriptions watching a mailbox, wherever they are held. */
  subscriptionsOf(address: string): ReadonlySet<Subscription> {
    return this.#subs.subscriptionsOf(address);
  }

  list(filter: { mailbox?: string; server?: string; kind?: SubscriptionKind } = {}): SubscriptionInfo[] {
    return this.#subs.list(filter).map((sub) => this.describe(sub));
  }

  describe(sub: Subscription): SubscriptionInfo {
    return describeSubscription(
      sub,
      this.log(sub),
      this.#push.has(sub.id) && sub.retries > 0,
      this.streaming.connectionOf(sub),
    );
  }

  subscriptionCount(account: string): number {
    return this.#subs.subscriptionCount(account);
  }

  /** A streaming subscription with no open connection expires after the idle window. */
  armStreamingExpiry(sub: Subscription): void {
    armStreamingExpiry(this.clock, sub, this.#options.streamingIdleExpiryMs, this.#end);
  }

  close(): void {
    for (const sub of this.#subs.list()) this.clock.clearTimeout(sub.timer);
    for (const ch of this.#push.values()) ch.stop();
    this.streaming.destroyAll();
    this.sender.close();
    this.feed.close();
  }

  #changed(mbx: Mailbox): void {
    for (const sub of this.#subs.subscriptionsOf(mbx.address)) {
      if (sub.kind === 'push') this.#push.get(sub.id)?.notify();
      else if (sub.kind === 'streaming') this.streaming.notify(sub);
    }
  }

  #pushAttempted(sub: Subscription, attempt: PushAttempt): void {
    const failed = attempt.outcome.status === 'failed' ? attempt.outcome : undefined;
    const outcome = failed ? `${failed.failure}: ${failed.detail}` : attempt.outcome.status;
    const what = attempt.error ? `push (${attempt.error})` : 'push';
    this.journal.record(
      failed ? 'warn' : 'debug',
      `notifications:${sub.server}`,
      `${what} to ${attempt.url} ${outcome}`,
      {
        subscriptionId: sub.id,
        mailbox: sub.mailbox,
        events: attempt.events,
        retry: attempt.retry,
      },
    );
    this.emit('push', attempt);
  }
}
