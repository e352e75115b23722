/** The watching presence clients of bench/presence-scale.ts (its child processes speak through bench/child.ts). */
import WebSocket from 'ws';
import type { FeedMessage } from '../gateway/presence/presence-feed.ts';
import { BENCH_PASSWORD } from './presence-scale-messages.ts';

/** The feed takes messages up to 64 KiB: watch lists go in slices. */
const WATCH_SLICE = 2000;

/** A presence client that logs in, watches a slice of users and timestamps calendar transitions on arrival. */
export class WatchingClient {
  presences = 0;
  /** Arrival (wall clock) and publish instant of every presence message showing a busy calendar. */
  readonly busy: { arrived: number; published: number }[] = [];
  #welcomed = false;
  #onMessage: (() => void) | undefined;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const arrived = Date.now();
      const m = JSON.parse(String(data)) as FeedMessage;
      if (m.type === 'presence') {
        this.presences++;
        if (m.presence.calendar === 'busy') this.busy.push({ arrived, published: m.at });
      } else if (m.type === 'welcome') this.#welcomed = true;
      else if (m.type === 'error') throw new Error(`presence feed error: ${m.code}: ${m.message}`);
      this.#onMessage?.();
    });
  }

  static async connect(url: string, user: string, watch: string[]): Promise<WatchingClient> {
    const socket = new WebSocket(url);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    const c = new WatchingClient(socket);
    socket.send(JSON.stringify({ type: 'login', user, password: BENCH_PASSWORD }));
    await c.until(() => c.#welcomed);
    for (let i = 0; i < watch.length; i += WATCH_SLICE)
      socket.send(JSON.stringify({ type: 'watch', users: watch.slice(i, i + WATCH_SLICE) }));
    await c.until(() => c.presences >= watch.length);
    return c;
  }

  until(done: () => boolean): Promise<void> {
    return new Promise((resolve) => {
      const check = () => {
        if (!done()) return;
        this.#onMessage = undefined;
        resolve();
      };
      this.#onMessage = check;
      check();
    });
  }
}
