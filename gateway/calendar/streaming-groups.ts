import type { XmlElement } from '../../ews/xml-element.ts';
import type { Clock, TimerHandle } from '../../sim/clock.ts';
import type { Journal } from '../../sim/journal.ts';
import type { EwsCallError } from '../ews-client/ews-call-error.ts';
import type { EwsClient, EwsEndpoint } from '../ews-client/ews-client.ts';
import { affinityHeaders, getStreamingEventsBody, type NotificationAffinity } from '../ews-client/ews-requests.ts';

/** Exchange serves at most 200 subscriptions on one streaming connection; Microsoft groups at most 200 mailboxes. */
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
  /** The group's anchor mailbox (its first member) and the back-end cookie its subscription response set. */
  affinity: NotificationAffinity | undefined;
  /** Mailboxes of the group (at most 200). */
  members: Set<string>;
  ids: Set<string>;
  connections: Connection[];
  reopenQueued: boolean;
  retryTimer?: TimerHandle;
}

/**
 * The streaming mode of a gateway: mailboxes grouped per Exchange server (up to 200 each) with affinity to one
 * Mailbox server, as Microsoft's "Maintain affinity between a group of subscriptions and the Mailbox server"
 * describes: every Subscribe of the group carries X-AnchorMailbox (the group's anchor), X-PreferServerAffinity
 * and, once the anchor's response set it, X-BackEndOverrideCookie; the group's GetStreamingEvents connection
 * sends the same and impersonates the anchor. Connections reopen after each Closed chunk, after a dropped
 * connection, and whenever the group changes. (IM&P subscribes users one at a time, so a group's anchor is its
 * first member rather than the alphabetically first of a group known in advance.)
 */
export class StreamingGroups {
  readonly #groups = new Map<string, Group[]>();
  #closed = false;

  constructor(
    readonly client: EwsClient,
    readonly clock: Clock,
    readonly journal: Journal,
    readonly handlers: StreamingHandlers,
  ) {}

  get connectionCount(): number {
    return this.#all().reduce((n, g) => n + g.connections.length, 0);
  }

  /** The affinity a mailbox's Subscribe carries: its group's anchor and cookie (joining a group if it has none). */
  affinityFor(endpoint: EwsEndpoint, mailbox: string): NotificationAffinity {
    const g = this.#groupOf(endpoint, mailbox.toLowerCase());
    return { ...g.affinity! };
  }

  /** The X-BackEndOverrideCookie a subscription response set: the group's later requests carry it. */
  learnCookie(endpoint: EwsEndpoint, mailbox: string, cookie: string | undefined): void {
    const g = this.#groupOf(endpoint, mailbox.toLowerCase());
    if (!cookie || g.affinity?.backEndCookie === cookie) return;
    g.affinity = { anchorMailbox: g.affinity!.anchorMailbox, backEndCookie: cookie };
    this.journal.record(
      'debug',
      'calendar',
      `streaming group of ${g.affinity.anchorMailbox} on ${endpoint.host}: back end ${cookie.split('~')[0]}`,
    );
  }

  /** Carry a subscription on its mailbox's group (default: the subscription id stands for the mailbox). */
  add(endpoint: EwsEndpoint, subscriptionId: string, mailbox = subscriptionId): void {
    const g = this.#groupOf(endpoint, mailbox.toLowerCase());
    g.ids.add(subscriptionId);
    this.#queueReopen(g);
  }

  remove(subscriptionId: string): void {
    for (const g of this.#all()) if (g.ids.delete(subscriptionId)) this.#queueReopen(g);
  }

  close(): void {
    this.#closed = true;
    for (const g of this.#all()) {
      this.clock.clearTimeout(g.retryTimer);
      for (const c of g.connections.splice(0)) c.close();
    }
    this.#groups.clear();
  }

  #all(): Group[] {
    return [...this.#groups.values()].flat();
  }

  /** The mailbox's group on this server: the one it joined, else the first with room, else a new one it anchors. */
  #groupOf(endpoint: EwsEndpoint, mailbox: string): Group {
    const key = `${endpoint.host}:${endpoint.port}`;
    const groups = this.#groups.get(key) ?? [];
    this.#groups.set(key, groups);
    let g = groups.find((x) => x.members.has(mailbox)) ?? groups.find((x) => x.members.size < MAX_IDS_PER_CONNECTION);
    if (!g) {
      g = { endpoint, affinity: undefined, members: new Set(), ids: new Set(), connections: [], reopenQueued: false };
      groups.push(g);
    }
    g.members.add(mailbox);
    g.affinity ??= { anchorMailbox: mailbox };
    return g;
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
      const conn = this.client.openStream(
        g.endpoint,
        getStreamingEventsBody(slice, CONNECTION_MINUTES),
        {
          onEnvelope: (first) => this.#envelope(g, first),
          onEnd: (err) => this.#ended(g, conn, err),
        },
        g.affinity && { impersonate: g.affinity.anchorMailbox, headers: affinityHeaders(g.affinity) },
      );
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
