import type { ServerResponse } from 'node:http';
import { EwsError } from '../../ews/errors.ts';
import type { Clock, TimerHandle } from '../../sim/clock.ts';
import type { MailboxChangeLog } from './change-log.ts';
import { connectionStatusChunk, errorChunk, notificationsChunk } from './streaming-envelope.ts';
import type { Subscription } from './subscription.ts';

export interface StreamingHost {
  clock: Clock;
  keepAliveMs: number;
  log(sub: Subscription): MailboxChangeLog;
  /** The response has ended (Closed, restart, client gone): detach its subscriptions. */
  closed(conn: StreamingConnection): void;
}

let nextConnectionId = 1;

/**
 * One open GetStreamingEvents response: a chunked 200 that carries events of its subscriptions as they
 * occur, a ConnectionStatus OK keepalive every keepAliveMs, and a final Closed after ConnectionTimeout.
 * Everything due in the same turn goes out as one chunk, since ews-javascript-api reads one envelope per
 * 'data' event.
 */
export class StreamingConnection {
  readonly id = nextConnectionId++;
  readonly subscriptions = new Map<string, Subscription>();
  readonly openedAt: number;
  #keepAlive: TimerHandle | undefined;
  #lifetime: TimerHandle | undefined;
  #queued = false;
  #keepAliveDue = false;
  #closing = false;
  #ended = false;
  readonly #errors: string[] = [];

  constructor(
    readonly host: StreamingHost,
    readonly res: ServerResponse,
    readonly account: string,
    /** The server whose process holds this connection. */
    readonly server: string,
    readonly timeoutMinutes: number,
    subscriptions: Subscription[],
  ) {
    this.openedAt = host.clock.now();
    for (const s of subscriptions) this.subscriptions.set(s.id, s);
  }

  get ended(): boolean {
    return this.#ended;
  }

  /** Send the headers, then the first chunk (pending events, else an OK) at once. */
  start(errors: string[]): void {
    const { clock } = this.host;
    this.res.on('close', () => this.#finish());
    this.res.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8', 'Cache-Control': 'private' });
    this.#errors.push(...errors);
    this.#keepAliveDue = true;
    this.#keepAlive = clock.setInterval(() => {
      this.#keepAliveDue = true;
      this.#queue();
    }, this.host.keepAliveMs);
    this.#lifetime = clock.setTimeout(() => this.close(), this.timeoutMinutes * 60_000);
    this.#queue();
  }

  notify(): void {
    this.#queue();
  }

  /** Stop carrying one subscription, telling the client why when there is a reason. */
  drop(sub: Subscription, err?: EwsError): void {
    if (!this.subscriptions.delete(sub.id)) return;
    if (err) this.#errors.push(errorChunk(err, [sub.id], this.subscriptions.size === 0));
    if (this.subscriptions.size === 0) this.#closing = true;
    this.#queue();
  }

  /** End cleanly with ConnectionStatus Closed (ConnectionTimeout reached, or nothing left to carry). */
  close(): void {
    this.#closing = true;
    this.#queue();
  }

  /** End abruptly, as when the server process dies. */
  destroy(): void {
    this.res.destroy();
    this.#finish();
  }

  #queue(): void {
    if (this.#queued || this.#ended) return;
    this.#queued = true;
    setImmediate(() => {
      this.#queued = false;
      this.#flush();
    });
  }

  #flush(): void {
    if (this.#ended) return;
    const { host } = this;
    const now = host.clock.now();
    const groups: { subscriptionId: string; events: ReturnType<Subscription['pending']>['events'] }[] = [];
    let more = false;
    for (const sub of this.subscriptions.values()) {
      const log = host.log(sub);
      // Events that left retention before this stream could carry them are reported, and the subscription
      // goes on from the oldest kept event (ews-javascript-api and the managed API keep it too).
      if (log.missedAfter(sub.cursor)) {
        this.#errors.push(errorChunk(new EwsError('ErrorMissedNotificationEvents'), [sub.id]));
        sub.cursor = log.oldestRetained() - 1;
      }
      const pending = sub.pending(log);
      if (pending.events.length === 0) continue;
      groups.push({ subscriptionId: sub.id, events: pending.events });
      sub.cursor = pending.events[pending.events.length - 1]!.seq;
      sub.lastDeliveryAt = now;
      more ||= pending.more;
    }
    const chunks = this.#errors.splice(0);
    if (groups.length) chunks.push(notificationsChunk(groups));
    else if (this.#keepAliveDue && chunks.length === 0 && !this.#closing) chunks.push(connectionStatusChunk('OK'));
    this.#keepAliveDue = false;
    for (const c of chunks) this.res.write(c);
    if (more) this.#queue();
    else if (this.#closing) {
      if (!this.res.writableEnded && !chunks.some((c) => c.includes('<m:ConnectionStatus>Closed'))) {
        this.res.write(connectionStatusChunk('Closed'));
      }
      this.res.end();
      this.#finish();
    }
  }

  #finish(): void {
    if (this.#ended) return;
    this.#ended = true;
    this.host.clock.clearInterval(this.#keepAlive);
    this.host.clock.clearTimeout(this.#lifetime);
    this.host.closed(this);
  }
}
