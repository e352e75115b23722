import type { XmlElement } from '../../ews/xml-element.ts';
import type { Clock, TimerHandle } from '../../sim/clock.ts';
import type { Journal } from '../../sim/journal.ts';
import type { EwsCallError } from '../ews-client/ews-call-error.ts';
import type { EwsClient, EwsEndpoint } from '../ews-client/ews-client.ts';
import { getStreamingEventsBody } from '../ews-client/ews-requests.ts';

/** Exchange serves at most 200 subscriptions on one streaming connection. */
const MAX_IDS_PER_CONNECTION = 200;
/** Longest ConnectionTimeout EWS allows, in minutes. */
const CONNECTION_MINUTES = 30;
const REOPEN_BACKOFF_MS = 5_000;

export interface StreamingHandlers {
  /** Events arrived for a subscription (event element names, StatusEvent excluded). */
  onEvents(subscriptionId: string, events: string[]): void;
  /** Exchange reported a subscription as broken (ErrorSubscriptionNotFound and the like). */
  onSubscriptionError(subscriptionId: string, code: string): void;
}

interface Connection {
  close(): void;
}

interface Group {
  endpoint: EwsEndpoint;
  ids: Set<string>;
  connections: Connection[];
  reopenQueued: boolean;
  retryTimer?: TimerHandle;
}

/**
 * The streaming mode of a gateway: subscriptions grouped on GetStreamingEvents connections (up to 200 ids
 * each), reopened after each Closed chunk, after a dropped connection, and whenever the group changes.
 */
export class StreamingGroups {
  readonly #groups = new Map<string, Group>();
  #closed = false;

  constructor(
    readonly client: EwsClient,
    readonly clock: Clock,
    readonly journal: Journal,
    readonly handlers: StreamingHandlers,
  ) {}

  get connectionCount(): number {
    return [...this.#groups.values()].reduce((n, g) => n + g.connections.length, 0);
  }

  add(endpoint: EwsEndpoint, subscriptionId: string): void {
    const key = `${endpoint.host}:${endpoint.port}`;
    let g = this.#groups.get(key);
    if (!g) {
      g = { endpoint, ids: new Set(), connections: [], reopenQueued: false };
      this.#groups.set(key, g);
    }
    g.ids.add(subscriptionId);
    this.#queueReopen(g);
  }

  remove(subscriptionId: string): void {
    for (const g of this.#groups.values()) if (g.ids.delete(subscriptionId)) this.#queueReopen(g);
  }

  close(): void {
    this.#closed = true;
    for (const g of this.#groups.values()) {
      this.clock.clearTimeout(g.retryTimer);
      for (const c of g.connections.splice(0)) c.close();
    }
    this.#groups.clear();
  }

  /** Changes made in one turn reopen the group's connections once. */
  #queueReopen(g: Group): void {
    if (g.reopenQueued || this.#closed) return;
    g.reopenQueued = true;
    setImmediate(() => {
      g.reopenQueued = false;
      this.#open(g);
    });
  }

  #open(g: Group): void {
    if (this.#closed) return;
    this.clock.clearTimeout(g.retryTimer);
    for (const c of g.connections.splice(0)) c.close();
    const ids = [...g.ids];
    for (let i = 0; i < ids.length; i += MAX_IDS_PER_CONNECTION) {
      const slice = ids.slice(i, i + MAX_IDS_PER_CONNECTION);
      const conn = this.client.openStream(g.endpoint, getStreamingEventsBody(slice, CONNECTION_MINUTES), {
        onEnvelope: (first) => this.#envelope(g, first),
        onEnd: (err) => this.#ended(g, conn, err),
      });
      g.connections.push(conn);
    }
  }

  #envelope(g: Group, response: XmlElement): void {
    for (const msg of response.child('ResponseMessages')?.children ?? []) {
      if (msg.attr('ResponseClass') === 'Error') {
        const code = msg.textAt('ResponseCode') ?? 'ErrorInternalServerError';
        const ids =
          msg
            .child('ErrorSubscriptionIds')
            ?.all('SubscriptionId')
            .map((x) => x.text.trim()) ?? [];
        this.journal.record(
          'warn',
          'calendar',
          `streaming from ${g.endpoint.host}: ${code}${ids.length ? ` for ${ids.length} subscription(s)` : ''}`,
        );
        for (const id of ids) {
          g.ids.delete(id);
          this.handlers.onSubscriptionError(id, code);
        }
        continue;
      }
      for (const n of msg.child('Notifications')?.all('Notification') ?? []) {
        const id = n.textAt('SubscriptionId');
        const events = n.children
          .filter((c) => c.name.endsWith('Event') && c.name !== 'StatusEvent')
          .map((c) => c.name);
        if (id && events.length > 0) this.handlers.onEvents(id, events);
      }
      if (msg.textAt('ConnectionStatus') === 'Closed') this.#queueReopen(g);
    }
  }

  #ended(g: Group, conn: Connection, err: EwsCallError | undefined): void {
    const i = g.connections.indexOf(conn);
    if (i === -1 || this.#closed) return;
    g.connections.splice(i, 1);
    if (!err) {
      this.#queueReopen(g);
      return;
    }
    this.journal.record(
      'warn',
      'calendar',
      `streaming connection to ${g.endpoint.host} failed: ${err.message}; reopening in ${REOPEN_BACKOFF_MS / 1000} s`,
    );
    this.clock.clearTimeout(g.retryTimer);
    g.retryTimer = this.clock.setTimeout(() => this.#open(g), REOPEN_BACKOFF_MS);
  }
}
