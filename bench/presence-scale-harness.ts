/** The pieces of bench/presence-scale.ts: typed IPC to its child processes and the watching presence clients. */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import type { FeedMessage } from '../gateway/presence/presence-feed.ts';
import { BENCH_PASSWORD } from './presence-scale-messages.ts';

/** The feed takes messages up to 64 KiB: watch lists go in slices. */
const WATCH_SLICE = 2000;

/** A child process answering typed IPC requests in order. */
export class Child<To, From extends { type: string }> {
  readonly #waiting: { type: string; resolve: (m: From) => void }[] = [];

  constructor(
    readonly name: string,
    readonly proc: ChildProcess,
  ) {
    proc.on('message', (m: From) => {
      const i = this.#waiting.findIndex((w) => w.type === m.type);
      if (i >= 0) this.#waiting.splice(i, 1)[0]?.resolve(m);
    });
    proc.on('exit', (code) => {
      if (this.#waiting.length > 0) {
        process.stderr.write(`${name} exited (${code}) while the bench waited for it\n`);
        process.exit(1);
      }
    });
  }

  static fork<To, From extends { type: string }>(name: string, file: string, profDir?: string): Child<To, From> {
    const proc = fork(fileURLToPath(new URL(file, import.meta.url)), [], {
      execArgv: [
        '--import',
        'tsx',
        '--max-old-space-size=4096',
        ...(profDir ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : []),
      ],
    });
    return new Child<To, From>(name, proc);
  }

  ask<T extends From['type']>(msg: To, reply: T): Promise<Extract<From, { type: T }>> {
    return new Promise((resolve) => {
      this.#waiting.push({ type: reply, resolve: resolve as (m: From) => void });
      this.proc.send(msg as object);
    });
  }

  tell(msg: To): void {
    this.proc.send(msg as object);
  }
}

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
