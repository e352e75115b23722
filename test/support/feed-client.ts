import WebSocket from 'ws';
import type { FeedMessage } from '../../gateway/presence/presence-feed.ts';

/** A presence feed client for tests: every message it receives, and a way to wait for the next match. */
export class FeedClient {
  readonly messages: FeedMessage[] = [];
  #taken = 0;
  readonly #waiters: { match: (m: FeedMessage) => boolean; resolve: (m: FeedMessage) => void }[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      this.messages.push(JSON.parse(String(data)) as FeedMessage);
      this.#wake();
    });
    this.closed = new Promise((resolve) =>
      socket.on('close', (code, reason) => resolve({ code, reason: String(reason) })),
    );
  }

  static async connect(url: string): Promise<FeedClient> {
    const socket = new WebSocket(url);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return new FeedClient(socket);
  }

  send(msg: unknown): void {
    this.socket.send(typeof msg === 'string' ? msg : JSON.stringify(msg));
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

  async login(user: string, password = 'cisco'): Promise<FeedMessage> {
    this.send({ type: 'login', user, password });
    return this.next((m) => m.type === 'welcome' || m.type === 'error');
  }

  close(): void {
    this.socket.close();
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
