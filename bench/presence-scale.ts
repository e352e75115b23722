/**
 * Presence at scale: N users, 100 % subscribed, then 50 % in simultaneous calendar transitions at one
 * boundary with Calendar Spread 0. Three processes on the wall clock: the mock Exchange, the IM&P node
 * and this one, which hosts the watching presence clients. Prints the time to subscribe everyone, the
 * latency from the boundary to delivery at a watching client (p50, p99, max), updates per second and the
 * peak RSS of each process, against Cisco's validated 7,500 presence updates per node.
 *
 *   npx tsx bench/presence-scale.ts [--users 10000] [--clients 4] [--batch 2000] [--prof DIR]
 *   (--prof writes a CPU profile of each child process to DIR)
 */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import type { FeedMessage } from '../gateway/presence/presence-feed.ts';
import {
  BENCH_PASSWORD,
  type FromExchange,
  type FromImp,
  type ToExchange,
  type ToImp,
  userId,
} from './presence-scale-messages.ts';

const { values: args } = parseArgs({
  options: {
    users: { type: 'string', default: '10000' },
    clients: { type: 'string', default: '4' },
    batch: { type: 'string', default: '2000' },
    prof: { type: 'string' },
  },
});
const positive = (name: keyof typeof args) => {
  const n = Number(args[name]);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive integer, got ${args[name]}`);
  return n;
};
const USERS = positive('users');
const CLIENTS = Math.min(positive('clients'), USERS);
const BATCH = positive('batch');
/** Cisco validates 7,500 presence updates per node during simultaneous calendar transitions. */
const CISCO_VALIDATED_UPDATES = 7500;
/** The feed takes messages up to 64 KiB: watch lists go in slices. */
const WATCH_SLICE = 2000;

/** A child process answering typed IPC requests in order. */
class Child<To, From extends { type: string }> {
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

  static fork<To, From extends { type: string }>(name: string, file: string): Child<To, From> {
    const proc = fork(fileURLToPath(new URL(file, import.meta.url)), [], {
      execArgv: [
        '--import',
        'tsx',
        '--max-old-space-size=4096',
        ...(args.prof ? ['--cpu-prof', `--cpu-prof-dir=${args.prof}`] : []),
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
class WatchingClient {
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

const fmtMs = (ms: number) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);
const mb = (kb: number) => `${Math.round(kb / 1024)} MB`;
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
const log = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  log(`presence-scale: ${USERS} users, ${CLIENTS} watching clients, Calendar Spread 0`);
  const exchange = Child.fork<ToExchange, FromExchange>('mock Exchange', './presence-scale-exchange.ts');
  const imp = Child.fork<ToImp, FromImp>('IM&P node', './presence-scale-imp.ts');
  try {
    const ex = await exchange.ask({ type: 'start', users: USERS }, 'ready');
    const node = await imp.ask(
      { type: 'start', users: USERS, spread: 0, servers: ex.servers, rootPem: ex.rootPem, account: ex.account },
      'ready',
    );
    log(`  configured ${USERS} end users on the IM&P node in ${fmtMs(node.configureMs)}`);

    const sub = await imp.ask({ type: 'subscribe' }, 'subscribed');
    log(
      `  time to subscribe everyone (FindFolder, Subscribe, FindItem per user): ${fmtMs(sub.ms)} ` +
        `(${Math.round((USERS / sub.ms) * 1000)} users/s; ${sub.failedAttempts} failed attempts retried)`,
    );

    // Clients log in as the first users and split the watch list between them.
    const all = Array.from({ length: USERS }, (_, i) => userId(i));
    const clients: WatchingClient[] = [];
    for (let c = 0; c < CLIENTS; c++) {
      const slice = all.filter((_, i) => i % CLIENTS === c);
      clients.push(await WatchingClient.connect(node.presenceUrl, userId(c), slice));
    }

    // Half the users get a meeting starting at one boundary; the node learns it from push notifications.
    const movers = all.filter((_, i) => i % 2 === 0);
    const boundary = Math.ceil((Date.now() + Math.max(30_000, sub.ms / 2)) / 1000) * 1000;
    const setupStart = Date.now();
    for (let i = 0; i < movers.length; i += BATCH) {
      const addresses = movers.slice(i, i + BATCH).map((u) => `${u}@example.test`);
      await exchange.ask(
        { type: 'meetings', addresses, start: boundary, end: boundary + 30 * 60_000 },
        'meetings-done',
      );
      await imp.ask({ type: 'wait-reads', withMeetings: Math.min(movers.length, i + BATCH) }, 'reads-done');
    }
    const setupMs = Date.now() - setupStart;
    const slack = boundary - Date.now();
    log(
      `  ${movers.length} meetings created and re-read by the node in ${fmtMs(setupMs)}; boundary in ${fmtMs(slack)}`,
    );
    if (slack < 1000) log('  WARNING: the re-reads finished less than 1 s before the boundary; latencies include them');

    // The boundary: every mover flips to In a meeting at once; measure arrival at the watching clients.
    const expected = clients.map((_, k) => all.filter((_, i) => i % 2 === 0 && i % CLIENTS === k).length);
    const deadline = boundary + 300_000;
    await Promise.race([
      Promise.all(clients.map((c, k) => c.until(() => c.busy.length >= (expected[k] ?? 0)))),
      new Promise((r) => setTimeout(r, Math.max(0, deadline - Date.now())).unref()),
    ]);
    const arrivals = clients.flatMap((c) => c.busy);
    const latency = arrivals.map((r) => r.arrived - boundary).sort((a, b) => a - b);
    const publishDelay = arrivals.map((r) => r.published - boundary).sort((a, b) => a - b);
    // From the boundary to the last delivery: the rate the node sustains for the whole wave.
    const spanMs = Math.max(1, latency.at(-1) ?? 0);
    log(`  ${arrivals.length} of ${movers.length} transitions delivered to watching clients`);
    log(
      `  latency boundary -> client: p50 ${fmtMs(percentile(latency, 50))}, p99 ${fmtMs(percentile(latency, 99))}, max ${fmtMs(latency.at(-1) ?? Number.NaN)}` +
        ` (of which boundary -> publish on the node: min ${fmtMs(publishDelay[0] ?? Number.NaN)}, p50 ${fmtMs(percentile(publishDelay, 50))}, max ${fmtMs(publishDelay.at(-1) ?? Number.NaN)})`,
    );
    const perSecond = (arrivals.length / spanMs) * 1000;
    log(`  updates per second at the clients: ${Math.round(perSecond)} (boundary to last delivery ${fmtMs(spanMs)})`);
    log(
      `  simultaneous transitions at one boundary: ${movers.length} = ${(movers.length / CISCO_VALIDATED_UPDATES).toFixed(2)} x Cisco's validated 7,500 per node` +
        ` (release profile 8.5(2)+: 100 % subscribed, 50 % transitioning)`,
    );

    const rss = {
      exchange: (await exchange.ask({ type: 'rss' }, 'rss')).maxRssKb,
      imp: (await imp.ask({ type: 'rss' }, 'rss')).maxRssKb,
      clients: process.resourceUsage().maxRSS,
    };
    log(
      `  peak RSS: mock Exchange ${mb(rss.exchange)}, IM&P node ${mb(rss.imp)}, clients (this process) ${mb(rss.clients)}`,
    );
    for (const c of clients) c.socket.close();
    if (arrivals.length < movers.length) process.exitCode = 1;
  } finally {
    exchange.tell({ type: 'stop' });
    imp.tell({ type: 'stop' });
  }
}

await main();
