/**
 * EWS throughput of the mock Exchange against a bare Node HTTPS server sending a reply of the same size:
 * FindItem CalendarView over keep-alive HTTPS with C requests in flight. The ratio says how much of
 * the per-request cost is ours (auth, XML parsing, calendar expansion, serialization) rather than TLS + HTTP.
 *
 *   npm run bench -- [--requests 5000] [--seconds 30] [--concurrency 8] [--rounds 2]
 *   npm run bench -- --wrk [--rounds 3] [--seconds 5] [--threads 1] [--concurrency 8] [--cpus 0,1|none]
 *     wrk (Debian package) loads the mock, mockttp (as it comes and without recording), the parse floor and a bare
 *     node HTTPS server in turn, each server pinned to CPU 0 and wrk to CPU 1 (bench/ews-throughput-wrk.ts)
 *   node --cpu-prof --cpu-prof-dir=.pgsim/prof --import tsx bench/ews-throughput.ts   (to see where time goes)
 */
import { fork } from 'node:child_process';
import { createServer, request } from 'node:https';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { NS } from '../ews/namespaces.ts';
import { defaultOrgConfig } from '../mock-exchange/default-org.ts';
import { compareWithWrk } from './ews-throughput-wrk.ts';
import type { LoadJob, LoadResult } from './load-client.ts';
import { applyBenchHeapGrowth, heapGrowthLine, productLine, productModule } from './product.ts';

const { values: args } = parseArgs({
  options: {
    requests: { type: 'string', default: '5000' },
    seconds: { type: 'string', default: '30' },
    concurrency: { type: 'string', default: '8' },
    warmup: { type: 'string', default: '400' },
    rounds: { type: 'string' },
    wrk: { type: 'boolean', default: false },
    threads: { type: 'string', default: '1' },
    cpus: { type: 'string', default: '0,1' },
  },
});
const positive = (name: keyof typeof args) => {
  const n = Number(args[name]);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive integer, got ${args[name]}`);
  return n;
};
if (args.rounds === undefined) args.rounds = args.wrk ? '3' : '2';
if (args.wrk && process.argv.every((a) => !a.startsWith('--seconds'))) args.seconds = '5';
const REQUESTS = positive('requests');
const SECONDS = positive('seconds');
const CONCURRENCY = positive('concurrency');
const WARMUP = positive('warmup');
const ROUNDS = positive('rounds');
const THREADS = positive('threads');
/** --cpus SERVER,WRK (wrk mode): the CPU the servers run on and the one wrk runs on; `none` leaves them unpinned. */
const CPUS = ((): { server: number; wrk: number } | undefined => {
  if (args.cpus === 'none') return undefined;
  const m = /^(\d+),(\d+)$/.exec(args.cpus ?? '');
  if (!m || m[1] === m[2])
    throw new Error(`--cpus must be two different CPU numbers, SERVER,WRK, or none; got ${args.cpus}`);
  return { server: Number(m[1]), wrk: Number(m[2]) };
})();

function findItemCalendarView(mailbox: string, start: Date, end: Date): string {
  return (
    `<soap:Envelope xmlns:soap="${NS.soap}" xmlns:m="${NS.m}" xmlns:t="${NS.t}"><soap:Header>` +
    '<t:RequestServerVersion Version="Exchange2013"/>' +
    `<t:ExchangeImpersonation><t:ConnectingSID><t:SmtpAddress>${mailbox}</t:SmtpAddress></t:ConnectingSID></t:ExchangeImpersonation>` +
    '</soap:Header><soap:Body><m:FindItem Traversal="Shallow"><m:ItemShape><t:BaseShape>AllProperties</t:BaseShape></m:ItemShape>' +
    `<m:CalendarView MaxEntriesReturned="50" StartDate="${start.toISOString()}" EndDate="${end.toISOString()}"/>` +
    '<m:ParentFolderIds><t:DistinguishedFolderId Id="calendar"/></m:ParentFolderIds></m:FindItem></soap:Body></soap:Envelope>'
  );
}

interface Measured extends LoadResult {
  /** CPU time of this process (the servers only: the client is another process) per request, in µs. */
  cpuPerRequestUs: number;
}

function load(job: LoadJob): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const client = fork(fileURLToPath(new URL('./load-client.ts', import.meta.url)), [], {
      execArgv: ['--import', 'tsx'],
    });
    let cpu = process.cpuUsage();
    client.once('spawn', () => {
      cpu = process.cpuUsage();
      client.send(job);
    });
    client.once('message', (m: { result?: LoadResult; error?: string }) => {
      const used = process.cpuUsage(cpu);
      if (!m.result) return reject(new Error(`load client: ${m.error}`));
      resolve({ ...m.result, cpuPerRequestUs: (used.user + used.system) / (m.result.completed + job.warmup) });
    });
    client.once('error', reject);
  });
}

function probe(job: LoadJob): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: job.host, port: job.port, servername: job.servername, path: job.path, method: 'POST', ca: job.ca },
      (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (d: string) => {
          body += d;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    for (const [k, v] of Object.entries(job.headers)) req.setHeader(k, v);
    req.on('error', reject);
    req.end(job.body);
  });
}

const rate = (r: LoadResult) => (r.completed * 1000) / r.elapsedMs;
const fmt = (r: Measured) =>
  `${rate(r).toFixed(0).padStart(6)} req/s, ${r.cpuPerRequestUs.toFixed(0).padStart(4)} µs server CPU/req  (${r.completed} in ${(r.elapsedMs / 1000).toFixed(1)} s; ` +
  `p50 ${r.latencyMs.p50.toFixed(2)} ms, p99 ${r.latencyMs.p99.toFixed(2)} ms; ${r.sockets} connections; ` +
  `HTTP ${Object.entries(r.statuses)
    .map(([s, n]) => `${s}x${n}`)
    .join(' ')})`;

// The default organization, on ephemeral ports so a running lab on 8443/8444 is left alone.
const config = defaultOrgConfig();
for (const s of config.servers) s.port = 0;
// As every pgsim process does (cli/cli.ts), unless PGSIM_BENCH_HEAP_GROWTH asks for another.
applyBenchHeapGrowth();
const { MockExchange } =
  await productModule<typeof import('../mock-exchange/mock-exchange.ts')>('mock-exchange/mock-exchange');
const { SystemClock } = await productModule<typeof import('../sim/clock.ts')>('sim/clock');
const mock = new MockExchange({ config, clock: new SystemClock() });
await mock.start();
const ex1 = mock.org.servers.get('ex1')!;
const today = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate()));
const base: Omit<LoadJob, 'host' | 'port'> = {
  servername: ex1.fqdn,
  path: '/EWS/Exchange.asmx',
  ca: mock.pki.trustBundlePem,
  headers: {
    'Content-Type': 'text/xml; charset=utf-8',
    Authorization: `Basic ${Buffer.from('svc-imp:Imp-Passw0rd').toString('base64')}`,
  },
  body: findItemCalendarView('alice@example.test', today, new Date(today.getTime() + 86_400_000)),
  concurrency: CONCURRENCY,
  warmup: WARMUP,
  requests: REQUESTS,
  seconds: SECONDS,
};
const mockJob: LoadJob = { ...base, host: ex1.ip, port: ex1.port };

const sample = await probe(mockJob);
const items = (sample.body.match(/<t:CalendarItem>/g) ?? []).length;
if (sample.status !== 200 || !sample.body.includes('<m:ResponseCode>NoError</m:ResponseCode>')) {
  throw new Error(`the mock did not answer FindItem: HTTP ${sample.status} ${sample.body.slice(0, 300)}`);
}

if (args.wrk) {
  process.stdout.write(`${productLine}; ${heapGrowthLine}\n`);
  const cert = mock.pki.validServerCertificate(ex1);
  await compareWithWrk(
    {
      mockUrl: `https://${ex1.ip}:${ex1.port}/EWS/Exchange.asmx`,
      headers: { ...base.headers, Host: `${ex1.fqdn}:${ex1.port}` },
      body: base.body,
      reply: Buffer.from(sample.body),
      keyPem: cert.keyPem,
      certPem: cert.chainPem.join('\n'),
      rounds: ROUNDS,
      seconds: SECONDS,
      threads: THREADS,
      connections: CONCURRENCY,
      cpus: CPUS,
    },
    (line) => process.stdout.write(line),
  );
  await mock.stop();
  process.exit(0);
}

// The baseline: same certificate chain, same client, a reply of exactly the same bytes, no work at all.
const cert = mock.pki.validServerCertificate(ex1);
const reply = Buffer.from(sample.body);
const bare = createServer({ key: cert.keyPem, cert: cert.chainPem.join('\n') }, (req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8', 'Content-Length': reply.length });
    res.end(reply);
  });
});
bare.keepAliveTimeout = 120_000;
await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
const bareJob: LoadJob = { ...base, host: '127.0.0.1', port: (bare.address() as AddressInfo).port };

process.stdout.write(
  `FindItem CalendarView (alice, today: ${items} items, ${reply.length} bytes reply, ${Buffer.byteLength(base.body)} bytes request)\n` +
    `keep-alive HTTPS, ${CONCURRENCY} in flight, up to ${REQUESTS} requests or ${SECONDS} s per run, ${ROUNDS} rounds, best kept\n` +
    `${productLine}; ${heapGrowthLine}\n`,
);
let bestMock: Measured | undefined;
let bestBare: Measured | undefined;
let cpuMock = Number.POSITIVE_INFINITY;
let cpuBare = Number.POSITIVE_INFINITY;
for (let round = 1; round <= ROUNDS; round++) {
  const m = await load(mockJob);
  process.stdout.write(`  round ${round} mock  ${fmt(m)}\n`);
  const b = await load(bareJob);
  process.stdout.write(`  round ${round} bare  ${fmt(b)}\n`);
  if (!bestMock || rate(m) > rate(bestMock)) bestMock = m;
  if (!bestBare || rate(b) > rate(bestBare)) bestBare = b;
  cpuMock = Math.min(cpuMock, m.cpuPerRequestUs);
  cpuBare = Math.min(cpuBare, b.cpuPerRequestUs);
}
await new Promise<void>((resolve) => bare.close(() => resolve()));
await mock.stop();

// Throughput moves with whatever else the machine runs; CPU per request much less so.
const ratio = rate(bestMock!) / rate(bestBare!);
process.stdout.write(
  `mock Exchange  ${rate(bestMock!).toFixed(0).padStart(6)} req/s  ${cpuMock.toFixed(0).padStart(5)} µs CPU/req\n` +
    `bare HTTPS     ${rate(bestBare!).toFixed(0).padStart(6)} req/s  ${cpuBare.toFixed(0).padStart(5)} µs CPU/req\n` +
    `ratio          ${ratio.toFixed(2).padStart(6)} (throughput)  ${(cpuBare / cpuMock).toFixed(2).padStart(5)} (bare/mock CPU per request)` +
    `${ratio < 0.5 ? '\nbelow 0.5: profile with node --cpu-prof (see the header of this file)' : ''}\n`,
);
