import type { ServerResponse } from 'node:http';
import { EwsError } from '../../ews/errors.ts';
import { READ_FAILED_REASON } from './event-loss.ts';
import type { NotificationCenter } from './notification-center.ts';
import { StreamingConnection, type StreamingHost } from './streaming-connection.ts';
import { errorChunk } from './streaming-envelope.ts';
import type { Subscription } from './subscription.ts';

/** Exchange accepts at most 200 subscriptions on one GetStreamingEvents connection. */
export const MAX_SUBSCRIPTIONS_PER_CONNECTION = 200;

export interface OpenStreamRequest {
  account: string;
  /** The server whose process answers the request. */
  server: string;
  /** The Mailbox server the request was routed to (affinity): subscriptions held elsewhere are not found. */
  backEnd?: string;
  subscriptionIds: string[];
  timeoutMinutes: number;
  res: ServerResponse;
}

/** Answer a streaming request with one error chunk and end it: this operation never sends a non-200 status. */
export function writeStreamingError(res: ServerResponse, err: EwsError, subscriptionIds: string[] = []): void {
  if (!res.headersSent) res.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8', 'Cache-Control': 'private' });
  res.end(errorChunk(err, subscriptionIds, true));
}

/** The open GetStreamingEvents connections of the organization and which subscription each carries. */
export class StreamingHub {
  readonly #connections = new Set<StreamingConnection>();
  readonly #bySubscription = new Map<string, StreamingConnection>();
  readonly #host: StreamingHost;

  constructor(
    readonly center: NotificationCenter,
    keepAliveMs: number,
  ) {
    this.#host = {
      clock: center.clock,
      keepAliveMs,
      log: (sub) => center.log(sub),
      closed: (conn) => this.#closed(conn),
    };
  }

  get connections(): ReadonlySet<StreamingConnection> {
    return this.#connections;
  }

  openCount(account: string): number {
    let n = 0;
    for (const c of this.#connections) if (c.account === account) n++;
    return n;
  }

  /** Open a stream for the subscriptions the caller may use; the others get error chunks first. */
  open(req: OpenStreamRequest): StreamingConnection | undefined {
    const { center } = this;
    const limit = center.policy(req.account).hangingConnectionLimit;
    if (this.openCount(req.account) >= limit) {
      writeStreamingError(
        req.res,
        new EwsError('ErrorExceededConnectionCount', {
          message: `You have exceeded the available concurrent connections for your account (HangingConnectionLimit ${limit}).`,
        }),
      );
      return undefined;
    }
    const rejected = new Map<EwsError['code'], string[]>();
    const valid: Subscription[] = [];
    for (const id of new Set(req.subscriptionIds)) {
      const found = center.find(id);
      const sub = req.backEnd === undefined || found?.server === req.backEnd ? found : undefined;
      const code = rejection(sub, req.account);
      if (code) rejected.set(code, [...(rejected.get(code) ?? []), id]);
      // Reported once, then the subscription is gone (as Exchange deletes it).
      if (code === 'ErrorReadEventsFailed' && sub) center.end(sub, READ_FAILED_REASON);
      else if (sub) valid.push(sub);
    }
    const errors = [...rejected].map(([code, ids], i, all) =>
      errorChunk(new EwsError(code), ids, valid.length === 0 && i === all.length - 1),
    );
    if (valid.length === 0) {
      req.res.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8', 'Cache-Control': 'private' });
      // One chunk per error code, the last one saying Closed.
      for (const chunk of errors) req.res.write(chunk);
      req.res.end();
      return undefined;
    }
    for (const sub of valid) {
      this.#bySubscription.get(sub.id)?.drop(sub);
      center.clock.clearTimeout(sub.timer);
      sub.timer = undefined;
    }
    const conn = new StreamingConnection(this.#host, req.res, req.account, req.server, req.timeoutMinutes, valid);
    this.#connections.add(conn);
    for (const sub of valid) this.#bySubscription.set(sub.id, conn);
    conn.start(errors);
    center.emit('stream-opened', {
      connectionId: conn.id,
      server: req.server,
      account: req.account,
      subscriptionIds: valid.map((s) => s.id),
    });
    return conn;
  }

  notify(sub: Subscription): void {
    this.#bySubscription.get(sub.id)?.notify();
  }

  connectionOf(sub: Subscription): number | undefined {
    return this.#bySubscription.get(sub.id)?.id;
  }

  /** A subscription ended: its stream stops carrying it (an Unsubscribe needs no error chunk). */
  dropSubscription(sub: Subscription, reason: string): void {
    const conn = this.#bySubscription.get(sub.id);
    if (!conn) return;
    this.#bySubscription.delete(sub.id);
    if (reason === 'Unsubscribe') conn.drop(sub);
    else conn.drop(sub, new EwsError(sub.readFailed ? 'ErrorReadEventsFailed' : 'ErrorSubscriptionNotFound'));
  }

  /** Streams answered by a server that restarts die with its process. */
  destroyServedBy(server: string): void {
    for (const c of [...this.#connections]) if (c.server === server) c.destroy();
  }

  destroyAll(): void {
    for (const c of [...this.#connections]) c.destroy();
  }

  #closed(conn: StreamingConnection): void {
    this.#connections.delete(conn);
    for (const sub of conn.subscriptions.values()) {
      if (this.#bySubscription.get(sub.id) !== conn) continue;
      this.#bySubscription.delete(sub.id);
      if (!sub.ended) this.center.armStreamingExpiry(sub);
    }
    this.center.emit('stream-closed', { connectionId: conn.id });
  }
}

/** Why a subscription id cannot be streamed by this account, or undefined when it can. */
function rejection(sub: Subscription | undefined, account: string): EwsError['code'] | undefined {
  if (!sub) return 'ErrorSubscriptionNotFound';
  if (sub.account !== account) return 'ErrorSubscriptionAccessDenied';
  if (sub.kind !== 'streaming') return 'ErrorInvalidSubscription';
  if (sub.readFailed) return 'ErrorReadEventsFailed';
  return undefined;
}
