/**
 * Presence at scale: N users, 100 % subscribed, then 50 % in simultaneous calendar transitions at one
 * boundary with Calendar Spread 0. Three processes on the wall clock: the mock Exchange, the IM&P node
 * and this one, which hosts the watching presence clients. Prints the time to subscribe everyone, the
 * latency from the boundary to delivery at a watching client (p50, p99, max), updates per second and the
 * peak RSS of each process, against Cisco's validated 7,500 presence updates per node.
 *
 *   [PGSIM_BENCH_HEAP_GROWTH=v8|PERCENT] npx tsx bench/presence-scale.ts [--users 10000 | --sweep] [--clients 4] [--batch 2000] [--prof DIR] [--heap DIR]
 *   (--sweep runs 5,000, 10,000, 20,000 and 50,000 users in turn (--sizes A,B,... for others) and prints one table with the load average;
 *   --prof writes a CPU profile of each child process to DIR; --heap writes a heap snapshot of each child
 *   once everyone is subscribed to DIR and stops there: read them with bench/heap-summary.ts)
 */
import { mkdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Child } from './child.ts';
import { WatchingClient } from './presence-scale-harness.ts';
import { type FromExchange, type FromImp, type ToExchange, type ToImp, userId } from './presence-scale-messages.ts';
import { heapGrowthLine, productLine } from './product.ts';

const { values: args } = parseArgs({
  options: {
    users: { type: 'string', default: '10000' },
    clients: { type: 'string', default: '4' },
    batch: { type: 'string', default: '2000' },
    prof: { type: 'string' },
    heap: { type: 'string' },
    sweep: { type: 'boolean', default: false },
    sizes: { type: 'string', default: '5000,10000,20000,50000' },
  },
});
const positive = (name: keyof typeof args) => {
  const n = Number(args[name]);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive integer, got ${args[name]}`);
  return n;
};
const CLIENTS_WANTED = positive('clients');
const BATCH = positive('batch');
/** The sizes of a --sweep, in one run. */
const SWEEP = String(args.sizes)
  .split(',')
  .map((x) => {
    const n = Number(x);
    if (!Number.isInteger(n) || n <= 0) throw new Error(`--sizes takes positive integers, got "${x}"`);
    return n;
  });
/** Cisco validates 7,500 presence updates per node during simultaneous calendar transitions. */
const CISCO_VALIDATED_UPDATES = 7500;

const fmtMs = (ms: number) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);
const mb = (kb: number) => `${Math.round(kb / 1024)} MB`;
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
const log = (line: string) => process.stdout.write(`${line}\n`);

interface RunFigures {
  users: number;
  subscribeMs: number;
  p99Ms: number;
  delivered: number;
  transitions: number;
  rssNodeKb: number;
  rssMockKb: number;
  load: string;
}

const loadAverage = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

/** One bench at USERS users; with --heap, snapshots of both heaps once everyone is subscribed, and no boundary. */
async function run(USERS: number): Promise<RunFigures | undefined> {
  const CLIENTS = Math.min(CLIENTS_WANTED, USERS);
  log(`presence-scale: ${USERS} users, ${CLIENTS} watching clients, Calendar Spread 0 (load average ${loadAverage()})`);
  log(`  ${productLine}; ${heapGrowthLine}`);
  const exchange = Child.fork<ToExchange, FromExchange>('mock Exchange', './presence-scale-exchange.ts', args.prof);
  const imp = Child.fork<ToImp, FromImp>('IM&P node', './presence-scale-imp.ts', args.prof);
  try {
    const ex = await exchange.ask({ type: 'start', users: USERS }, 'ready');
    const node = await imp.ask(
      {
        type: 'start',
        users: USERS,
        loginUsers: CLIENTS,
        spread: 0,
        servers: ex.servers,
        rootPem: ex.rootPem,
        account: ex.account,
      },
      'ready',
    );
    log(`  configured ${USERS} end users on the IM&P node in ${fmtMs(node.configureMs)}`);

    const cpuBefore = [
      (await exchange.ask({ type: 'rss' }, 'rss')).cpuMs,
      (await imp.ask({ type: 'rss' }, 'rss')).cpuMs,
    ];
    const sub = await imp.ask({ type: 'subscribe' }, 'subscribed');
    const cpuAfter = [
      (await exchange.ask({ type: 'rss' }, 'rss')).cpuMs,
      (await imp.ask({ type: 'rss' }, 'rss')).cpuMs,
    ];
    const busy = (k: number) => `${Math.round((((cpuAfter[k] ?? 0) - (cpuBefore[k] ?? 0)) / sub.ms) * 100)} %`;
    log(
      `  time to subscribe everyone (FindFolder, Subscribe, FindItem per user): ${fmtMs(sub.ms)} ` +
        `(${Math.round((USERS / sub.ms) * 1000)} users/s; ${sub.failedAttempts} failed attempts retried;` +
        ` CPU meanwhile: mock Exchange ${busy(0)}, IM&P node ${busy(1)})`,
    );
    if (sub.firstFailure) log(`  first failed attempt: ${sub.firstFailure}`);
    if (args.heap) {
      mkdirSync(args.heap, { recursive: true });
      for (const [name, child] of [
        ['imp', imp],
        ['exchange', exchange],
      ] as const) {
        const file = join(args.heap, `${name}-${USERS}.heapsnapshot`);
        await (child as Child<ToImp | ToExchange, FromImp | FromExchange>).ask({ type: 'heap', file }, 'heap-done');
        log(`  heap snapshot: ${file}`);
      }
      return undefined;
    }
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

    const mem = { exchange: await exchange.ask({ type: 'rss' }, 'rss'), imp: await imp.ask({ type: 'rss' }, 'rss') };
    const rss = { exchange: mem.exchange.maxRssKb, imp: mem.imp.maxRssKb, clients: process.resourceUsage().maxRSS };
    log(
      `  peak RSS: mock Exchange ${mb(rss.exchange)}, IM&P node ${mb(rss.imp)}, clients (this process) ${mb(rss.clients)}`,
    );
    for (const [name, m] of [
      ['mock Exchange', mem.exchange],
      ['IM&P node', mem.imp],
    ] as const)
      log(
        `    ${name}: V8 heap peak ${mb(m.heapTotalKb)} reserved, ${mb(m.heapUsedKb)} used (${mb(m.heapNowKb)} now),` +
          ` off-heap buffers peak ${mb(m.externalKb)}; ${Math.round((m.maxRssKb * 1024) / USERS)} bytes RSS per user`,
      );
    for (const c of clients) c.socket.close();
    if (arrivals.length < movers.length) process.exitCode = 1;
    return {
      users: USERS,
      subscribeMs: sub.ms,
      p99Ms: percentile(latency, 99),
      delivered: arrivals.length,
      transitions: movers.length,
      rssNodeKb: rss.imp,
      rssMockKb: rss.exchange,
      load: loadAverage(),
    };
  } finally {
    exchange.tell({ type: 'stop' });
    imp.tell({ type: 'stop' });
    await Promise.all([exchange, imp].map((c) => new Promise((r) => c.proc.once('exit', r))));
  }
}

/** Every size of the sweep in turn, then one table with the per-user cost ratio of the largest to the smallest. */
async function sweep(): Promise<void> {
  const rows: RunFigures[] = [];
  for (const users of SWEEP) {
    const r = await run(users);
    if (r) rows.push(r);
  }
  log('\nsweep (load average 1, 5, 15 min at the end of each run):');
  log('   users  subscribe  users/s  p99 boundary->client  delivered  node RSS  mock RSS  load average');
  for (const r of rows) {
    log(
      `${String(r.users).padStart(8)}  ${fmtMs(r.subscribeMs).padStart(9)}  ${String(Math.round((r.users / r.subscribeMs) * 1000)).padStart(7)}` +
        `  ${fmtMs(r.p99Ms).padStart(20)}  ${`${r.delivered}/${r.transitions}`.padStart(11)}  ${mb(r.rssNodeKb).padStart(8)}  ${mb(r.rssMockKb).padStart(8)}  ${r.load}`,
    );
  }
  const first = rows[0];
  const last = rows.at(-1);
  if (first && last && last !== first) {
    const ratio = last.subscribeMs / last.users / (first.subscribeMs / first.users);
    log(`  time to subscribe per user, ${last.users} vs ${first.users}: ${ratio.toFixed(2)} x`);
  }
}

if (args.sweep) await sweep();
else await run(positive('users'));
