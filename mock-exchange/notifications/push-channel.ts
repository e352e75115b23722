import { sendNotificationErrorXml, sendNotificationXml } from '../../ews/send-notification.ts';
import type { Clock } from '../../sim/clock.ts';
import type { MailboxChangeLog } from './change-log.ts';
import { READ_FAILED_MESSAGE, READ_FAILED_REASON } from './event-loss.ts';
import { type NotificationBatch, notificationChildren } from './notification-xml.ts';
import { pushRetryOffset } from './push-retry-schedule.ts';
import type { PushOutcome, PushSender } from './push-sender.ts';
import { validatePushUrl } from './push-url.ts';
import type { Subscription } from './subscription.ts';

/** What one push attempt did, for the journal, the admin listing and tests. */
export interface PushAttempt {
  subscriptionId: string;
  mailbox: string;
  url: string;
  /** Sim time the POST started. */
  at: number;
  /** 0 for a first attempt, n for the n-th retry. */
  retry: number;
  events: number;
  statusEvent: boolean;
  /** The ResponseCode of an error notification (ErrorReadEventsFailed, ErrorMissedNotificationEvents). */
  error?: string;
  outcome: PushOutcome;
}

export interface PushHost {
  clock: Clock;
  sender: PushSender;
  log(sub: Subscription): MailboxChangeLog;
  attempted(sub: Subscription, attempt: PushAttempt): void;
  /** Why this push cannot leave the server now (an injected fault), or undefined when it can. */
  blocked(sub: Subscription): string | undefined;
  end(sub: Subscription, reason: string): void;
  /** The address the subscription's server sends from (its own, as a real Exchange server would). */
  sourceAddress(sub: Subscription): string | undefined;
}

/**
 * Push delivery for one subscription: events are batched and POSTed as they occur, one request at a
 * time; a StatusEvent goes out after StatusFrequency without traffic; an unanswered push is retried
 * 30 s after the first attempt and then at doubling offsets, and the subscription ends once
 * StatusFrequency is used up.
 */
export class PushChannel {
  readonly url: Readonly<URL>;
  #sending = false;
  #flushQueued = false;
  /** Sim time of the first attempt of the current failing run. */
  #failStart: number | undefined;
  /** Events lost before they were pushed, still to be reported with ErrorMissedNotificationEvents. */
  #missed = 0;

  constructor(
    readonly sub: Subscription,
    readonly host: PushHost,
    initialStatus: boolean,
  ) {
    this.url = validatePushUrl(sub.spec.url);
    if (initialStatus) this.#queue();
    else this.#scheduleStatus();
  }

  get statusFrequencyMs(): number {
    return (this.sub.spec.statusFrequencyMinutes ?? 30) * 60_000;
  }

  /** New events were logged for this subscription's mailbox. */
  notify(): void {
    if (this.#failStart === undefined) this.#queue();
  }

  stop(): void {
    this.host.clock.clearTimeout(this.sub.timer);
    this.sub.timer = undefined;
  }

  /**
   * The store cannot read this subscription's events: push one ErrorReadEventsFailed message, then delete the
   * subscription (Microsoft's ResponseCode reference; the subscriber recreates it), whatever the reply.
   */
  async failReadEvents(): Promise<PushOutcome> {
    const { sub, host } = this;
    this.stop();
    const at = host.clock.now();
    const outcome = await this.#post(sendNotificationErrorXml('ErrorReadEventsFailed', READ_FAILED_MESSAGE, sub.id));
    this.#record(at, 0, false, outcome, 'ErrorReadEventsFailed');
    host.end(sub, READ_FAILED_REASON);
    return outcome;
  }

  /**
   * The subscription's event queue overflowed: its undelivered events are lost, and the next push (at once, or the
   * next retry while the subscriber is unreachable) is an ErrorMissedNotificationEvents message whose Notification
   * goes on from the newest position. The subscription lives on, as streaming ones do on this code; the subscriber
   * is expected to resynchronize and subscribe again (Microsoft's "Handling notification-related errors in EWS").
   */
  missEvents(): number {
    const { sub, host } = this;
    const log = host.log(sub);
    const lost = sub.pending(log, sub.cursor, Number.POSITIVE_INFINITY).events.length;
    sub.cursor = sub.horizon(log);
    this.#missed += lost;
    if (this.#failStart === undefined) this.#queue();
    return lost;
  }

  /** POST to the subscriber, or fail at once when a callback fault stands in the way. */
  #post(xml: string): Promise<PushOutcome> {
    const blocked = this.host.blocked(this.sub);
    return blocked
      ? Promise.resolve({ status: 'failed', failure: 'connect', detail: blocked })
      : this.host.sender.send(this.url, xml, this.host.sourceAddress(this.sub));
  }

  #record(at: number, events: number, statusEvent: boolean, outcome: PushOutcome, error?: string): void {
    const { sub } = this;
    this.host.attempted(sub, {
      subscriptionId: sub.id,
      mailbox: sub.mailbox,
      url: this.url.href,
      at,
      retry: sub.retries,
      events,
      statusEvent,
      ...(error ? { error } : {}),
      outcome,
    });
  }

  /** Coalesce every change made in the same turn into one notification. */
  #queue(): void {
    if (this.#flushQueued || this.#sending || this.sub.ended) return;
    this.#flushQueued = true;
    this.host.sender.hold();
    setImmediate(() => {
      this.#flushQueued = false;
      this.host.sender.release();
      void this.#send(false);
    });
  }

  #scheduleStatus(): void {
    this.#setTimer(this.statusFrequencyMs, () => void this.#send(true));
  }

  #setTimer(ms: number, fn: () => void): void {
    const { clock } = this.host;
    clock.clearTimeout(this.sub.timer);
    this.sub.timer = clock.setTimeout(fn, ms);
  }

  async #send(statusDue: boolean): Promise<void> {
    const { sub, host } = this;
    if (this.#sending || sub.ended) return;
    const log = host.log(sub);
    const { events, more } = sub.pending(log);
    const retrying = this.#failStart !== undefined;
    const missed = this.#missed;
    if (events.length === 0 && !statusDue && !retrying && missed === 0) return;
    const horizon = sub.horizon(log);
    const batch: NotificationBatch = {
      subscriptionId: sub.id,
      previousWatermark: log.watermark(sub.cursor),
      moreEvents: more,
      events,
      statusWatermark: log.watermark(horizon),
    };
    const at = host.clock.now();
    this.#sending = true;
    host.clock.clearTimeout(sub.timer);
    sub.timer = undefined;
    const xml = missed
      ? sendNotificationErrorXml(
          'ErrorMissedNotificationEvents',
          `${missed} event(s) were lost before they could be sent; resynchronize and create a new subscription.`,
          sub.id,
          undefined,
          notificationChildren(batch),
        )
      : sendNotificationXml(notificationChildren(batch));
    const outcome = await this.#post(xml);
    this.#sending = false;
    if (sub.ended) return;
    this.#record(at, events.length, events.length === 0, outcome, missed ? 'ErrorMissedNotificationEvents' : undefined);
    if (outcome.status === 'Unsubscribe') {
      host.end(sub, 'the subscriber answered Unsubscribe');
      return;
    }
    if (outcome.status === 'OK') {
      this.#missed -= missed;
      // Never back: events lost (missEvents) while this push was on the wire stay lost.
      sub.cursor = Math.max(sub.cursor, events.length ? events[events.length - 1]!.seq : horizon);
      sub.lastDeliveryAt = host.clock.now();
      sub.retries = 0;
      this.#failStart = undefined;
      this.#scheduleStatus();
      if (this.#missed > 0 || sub.pending(log, sub.cursor, 1).events.length) this.#queue();
      return;
    }
    this.#failStart ??= at;
    sub.retries++;
    const offset = pushRetryOffset(sub.retries, this.statusFrequencyMs / 60_000);
    const now = host.clock.now();
    if (offset === undefined) {
      const endAt = this.#failStart + this.statusFrequencyMs;
      const reason = `no answer from ${this.url.href} within StatusFrequency (${sub.retries} attempts)`;
      if (endAt <= now) host.end(sub, reason);
      else this.#setTimer(endAt - now, () => host.end(sub, reason));
      return;
    }
    this.#setTimer(Math.max(0, this.#failStart + offset - now), () => void this.#send(false));
  }
}
