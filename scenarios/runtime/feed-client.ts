import WebSocket from 'ws';
import type { FeedMessage } from '../../gateway/presence/presence-feed.ts';

/** A Jabber-like client on the node's presence feed: logs in, sets its state, is told when it is logged out. */
export class FeedClient {
  readonly messages: FeedMessage[] = [];
  #closed = false;
  logoutReason: string | undefined;

  private constructor(
    readonly user: string,
    readonly socket: WebSocket,
  ) {
    socket.on('message', (data) => {
      const msg = JSON.parse(String(data)) as FeedMessage;
      this.messages.push(msg);
      if (msg.type === 'logout') this.logoutReason = msg.reason;
    });
    socket.on('close', () => {
      this.#closed = true;
    });
    socket.on('error', () => {});
  }

  /** Log in; resolves with the client, or with the node's refusal. */
  static login(url: string, user: string, password: string): Promise<{ client: FeedClient } | { refused: string }> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url);
      const client = new FeedClient(user, socket);
      socket.once('open', () => socket.send(JSON.stringify({ type: 'login', user, password })));
      socket.once('error', reject);
      const onMessage = (data: unknown) => {
        const msg = JSON.parse(String(data)) as FeedMessage;
        // Presence updates may arrive before the welcome; the login answer is welcome or error.
        if (msg.type !== 'welcome' && msg.type !== 'error') return;
        socket.off('message', onMessage);
        if (msg.type === 'welcome') resolve({ client });
        else {
          socket.close();
          resolve({ refused: msg.message });
        }
      };
      socket.on('message', onMessage);
    });
  }

  get connected(): boolean {
    return !this.#closed && this.socket.readyState === WebSocket.OPEN;
  }

  set(state: 'available' | 'away' | 'dnd'): void {
    this.socket.send(JSON.stringify({ type: 'set', state }));
  }

  /** The client's own calendaring option ("show meetings in my status"). */
  calendaring(on: boolean): void {
    this.socket.send(JSON.stringify({ type: 'calendaring', on }));
  }

  close(): Promise<void> {
    if (this.#closed || this.socket.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      this.socket.once('close', () => resolve());
      this.socket.close();
    });
  }

  /** Drop the connection at once (teardown). */
  terminate(): void {
    this.socket.terminate();
  }
}
