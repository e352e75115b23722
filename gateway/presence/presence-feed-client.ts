import WebSocket from 'ws';
import type { FeedMessage, FeedRequest } from './presence-feed.ts';

/**
 * A client of the node's presence feed (a Jabber client, as far as presence goes): it keeps every message the
 * node sends, lets its user wait for the next one that matches, and sends requests. Scenarios, `pgsim client`
 * and the tests all talk to the feed through it.
 */
export class PresenceFeedClient {
  readonly socket: WebSocket;
  readonly messages: FeedMessage[] = [];
  /** Settles when the connection closes, with the close code and reason. */
  readonly closed: Promise<{ code: number; reason: string }>;
  /** Called with each message as it arrives (after it is kept). */
  onMessage: ((m: FeedMessage) => void) | undefined;
  /** Called with a text frame that is not JSON (the node never sends one; a proxy in between might). */
  onUnreadable: ((text: string) => void) | undefined;
  #taken = 0;
  readonly #waiters: { match: (m: FeedMessage) => boolean; resolve: (m: FeedMessage) => void }[] = [];
  #isClosed = false;

  /** Start connecting; `socket` emits open or error. Use connect() to wait for the connection. */
  constructor(url: string) {
    this.socket = new WebSocket(url);
    this.socket.on('message', (data) => this.#receive(String(data)));
    this.closed = new Promise((resolve) =>
      this.socket.on('close', (code, reason) => {
        this.#isClosed = true;
        resolve({ code, reason: String(reason) });
      }),
    );
    // A failed connection also closes; callers that care listen on socket or await connect().
    this.socket.on('error', () => {});
  }

  /** Connect; rejects when the connection cannot be made. */
  static async connect(url: string): Promise<PresenceFeedClient> {
    const client = new PresenceFeedClient(url);
    await new Promise<void>((resolve, reject) => {
      client.socket.once('open', () => resolve());
      client.socket.once('error', reject);
    });
    return client;
  }

  get connected(): boolean {
    return !this.#isClosed && this.socket.readyState === WebSocket.OPEN;
  }

  /** Why the node logged this client out, once it has. */
  get logoutReason(): string | undefined {
    const logout = this.messages.find((m) => m.type === 'logout');
    return logout?.type === 'logout' ? logout.reason : undefined;
  }

  /** Send a request; a string goes as it is (tests send malformed frames). */
  send(msg: FeedRequest | string | object): void {
    this.socket.send(typeof msg === 'string' ? msg : JSON.stringify(msg));
  }

  /** Log in; resolves with the node's answer, welcome or error (presence updates before it are skipped). */
  login(user: string, password: string): Promise<FeedMessage> {
    this.send({ type: 'login', user, password });
    return this.next((m) => m.type === 'welcome' || m.type === 'error');
  }

  set(state: 'available' | 'away' | 'dnd'): void {
    this.send({ type: 'set', state });
  }

  /** The client's own calendaring option ("show meetings in my status"). */
  calendaring(on: boolean): void {
    this.send({ type: 'calendaring', on });
  }

  watch(users: string[]): void {
    this.send({ type: 'watch', users });
  }

  /** The next message (after those already taken) that matches; earlier non-matching ones are skipped. */
  next(match: (m: FeedMessage) => boolean = () => true): Promise<FeedMessage> {
    return new Promise((resolve) => {
      this.#waiters.push({ match, resolve });
      this.#wake();
    });
  }

  /** Messages not yet taken by next(). */
  unread(): FeedMessage[] {
    return this.messages.slice(this.#taken);
  }

  /** Close and wait until the connection is closed. */
  close(): Promise<void> {
    if (this.#isClosed || this.socket.readyState === WebSocket.CLOSED) return Promise.resolve();
    this.socket.close();
    return this.closed.then(() => undefined);
  }

  /** Drop the connection at once (teardown). */
  terminate(): void {
    this.socket.terminate();
  }

  #receive(text: string): void {
    let m: FeedMessage;
    try {
      m = JSON.parse(text) as FeedMessage;
    } catch {
      this.onUnreadable?.(text);
      return;
    }
    this.messages.push(m);
    this.onMessage?.(m);
    this.#wake();
  }

  #wake(): void {
    while (this.#waiters.length > 0) {
      const w = this.#waiters[0]!;
      let found: FeedMessage | undefined;
      while (this.#taken < this.messages.length && !found) {
        const m = this.messages[this.#taken++]!;
        if (w.match(m)) found = m;
      }
      if (!found) return;
      this.#waiters.shift();
      w.resolve(found);
    }
  }
}
