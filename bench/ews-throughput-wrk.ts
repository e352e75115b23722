/**
 * The wrk mode of bench/ews-throughput: the mock and four servers sending its reply byte for byte (mockttp as it
 * comes and with recordTraffic off, the parse floor, a bare node HTTPS server; see bench/wrk-peer.ts), loaded by
 * wrk in turn in the same run; medians of the rounds, and a bare run with twice the threads and connections to show
 * wrk is not the bottleneck. The four run in processes of their own: sharing the mock's process, their heaps and
 * collections were charged to whichever server was loaded at the time.
 */
import { request } from 'node:https';
import { loadavg } from 'node:os';
import { Child } from './child.ts';
import { type FromPeer, PEER_KINDS, type PeerKind, type ToPeer } from './wrk-peers.ts';
import { pinProcess, runWrk, type WrkResult, type WrkTarget, writeWrkScript } from './wrk-run.ts';

export interface WrkComparison {
  /** The mock's EWS URL, on its own address. */
  mockUrl: string;
  headers: Record<string, string>;
  body: string;
  /** The mock's reply to `body`, which the other two send back byte for byte. */
  reply: Buffer;
  keyPem: string;
  certPem: string;
  rounds: number;
  seconds: number;
  threads: number;
  connections: number;
  /** The CPU every server runs on and the one wrk runs on; undefined: wherever the scheduler puts them. */
  cpus?: { server: number; wrk: number };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** One request as wrk sends it, to say what a target answered when wrk counted errors. */
function sample(t: WrkTarget): Promise<string> {
  return new Promise((resolve) => {
    const req = request(t.url, { method: 'POST', headers: t.headers, rejectUnauthorized: false }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (d: string) => {
        body += d;
      });
      res.on('end', () => resolve(`HTTP ${res.statusCode} ${body.slice(0, 400)}`));
    });
    req.on('error', (err) => resolve(err.message));
    req.end(t.body);
  });
}

async function checked(name: string, t: WrkTarget, r: WrkResult): Promise<number> {
  if (r.non2xx > 0 || r.requests === 0) {
    throw new Error(`${name}: ${r.non2xx} of ${r.requests} replies not 2xx; one now: ${await sample(t)}`);
  }
  return r.requestsPerSecond;
}

/** A peer server in its own process: its port, its process's CPU time so far, and a way to stop it. */
interface Peer {
  port: number;
  cpuMicros(): Promise<number>;
  stop(): Promise<void>;
}

async function startPeer(kind: PeerKind, c: WrkComparison): Promise<Peer> {
  const child = Child.fork<ToPeer, FromPeer>(kind, './wrk-peer.ts');
  const { port } = await child.ask(
    { type: 'start', kind, keyPem: c.keyPem, certPem: c.certPem, reply: c.reply.toString('base64') },
    'listening',
  );
  if (c.cpus && child.proc.pid !== undefined) pinProcess(child.proc.pid, c.cpus.server);
  return {
    port,
    cpuMicros: async () => (await child.ask({ type: 'cpu' }, 'cpu')).micros,
    stop: async () => {
      const exited = new Promise<void>((resolve) => child.proc.once('exit', () => resolve()));
      child.tell({ type: 'stop' });
      await exited;
    },
  };
}

const ownCpuMicros = async () => {
  const used = process.cpuUsage();
  return used.user + used.system;
};

type TargetName = 'mock' | PeerKind;
const TARGETS: readonly TargetName[] = ['mock', ...PEER_KINDS];
const LABELS: Record<TargetName, string> = {
  mock: 'mock Exchange',
  mockttp: 'mockttp',
  'mockttp-unrecorded': 'mockttp, no recording',
  'parse-floor': 'parse floor',
  bare: 'bare HTTPS',
};

export async function compareWithWrk(c: WrkComparison, out: (line: string) => void): Promise<void> {
  const peers = {} as Record<PeerKind, Peer>;
  if (c.cpus) pinProcess(process.pid, c.cpus.server);
  try {
    for (const kind of PEER_KINDS) peers[kind] = await startPeer(kind, c);
    await measure(c, peers, out);
  } finally {
    await Promise.all(Object.values(peers).map((p) => p.stop()));
  }
}

async function measure(c: WrkComparison, peers: Record<PeerKind, Peer>, out: (line: string) => void): Promise<void> {
  const at = (port: number) => `https://127.0.0.1:${port}/EWS/Exchange.asmx`;
  const targets = { mock: { url: c.mockUrl, headers: c.headers, body: c.body } } as Record<TargetName, WrkTarget>;
  // Whose CPU time a target's requests cost: the mock is this process, the others their own.
  const cpuOf = { mock: ownCpuMicros } as Record<TargetName, () => Promise<number>>;
  for (const kind of PEER_KINDS) {
    targets[kind] = { url: at(peers[kind].port), headers: c.headers, body: c.body };
    cpuOf[kind] = peers[kind].cpuMicros;
  }
  const script = writeWrkScript(targets.mock);
  const wrkCpu = c.cpus?.wrk;
  const normal = { threads: c.threads, connections: c.connections, seconds: c.seconds, cpu: wrkCpu };
  const doubled = { threads: c.threads * 2, connections: c.connections * 2, seconds: c.seconds, cpu: wrkCpu };
  const figures = Object.fromEntries(TARGETS.map((t) => [t, [] as number[]])) as Record<TargetName, number[]>;
  const bare2: number[] = [];
  // The serving process's CPU per request while each target is loaded (wrk is another process): less sensitive
  // than req/s to what else runs on the machine.
  const cpuUs = Object.fromEntries(TARGETS.map((t) => [t, [] as number[]])) as Record<TargetName, number[]>;
  out(
    `wrk ${c.threads} thread(s), ${c.connections} connections, ${c.seconds} s per run, ${c.rounds} rounds (medians); ` +
      'every server but the mock in a process of its own; ' +
      (c.cpus
        ? `every server on CPU ${c.cpus.server}, wrk on CPU ${c.cpus.wrk} (--cpus none: unpinned); `
        : 'unpinned (--cpus none); ') +
      `load average before: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}\n`,
  );
  try {
    // A short warm-up of each target so the first round does not measure JIT compilation.
    for (const t of Object.values(targets)) await runWrk(t, script.path, { ...normal, seconds: 1 });
    for (let round = 1; round <= c.rounds; round++) {
      for (const name of TARGETS) {
        const before = await cpuOf[name]();
        const result = await runWrk(targets[name], script.path, normal);
        const used = (await cpuOf[name]()) - before;
        const rate = await checked(name, targets[name], result);
        const us = used / result.requests;
        figures[name].push(rate);
        cpuUs[name].push(us);
        out(
          `  round ${round} ${LABELS[name].padEnd(22)} ${rate.toFixed(0).padStart(7)} req/s ${us.toFixed(0).padStart(5)} µs CPU/req\n`,
        );
      }
      const rate = await checked('bare x2', targets.bare, await runWrk(targets.bare, script.path, doubled));
      bare2.push(rate);
      out(
        `  round ${round} ${'bare HTTPS, wrk x2'.padEnd(22)} ${rate.toFixed(0).padStart(7)} req/s  (${doubled.threads} threads, ${doubled.connections} connections)\n`,
      );
    }
  } finally {
    script.remove();
  }
  const rate = Object.fromEntries(TARGETS.map((t) => [t, median(figures[t])])) as Record<TargetName, number>;
  const cpu = Object.fromEntries(TARGETS.map((t) => [t, median(cpuUs[t])])) as Record<TargetName, number>;
  const b2 = median(bare2);
  const ratio = (name: string, a: TargetName, b: TargetName, target: string) =>
    `${name.padEnd(30)} ${(rate[a] / rate[b]).toFixed(2).padStart(5)}  (CPU per request ${(cpu[b] / cpu[a]).toFixed(2)})${target}\n`;
  out(
    TARGETS.map(
      (t) =>
        `${LABELS[t].padEnd(22)} ${rate[t].toFixed(0).padStart(7)} req/s ${cpu[t].toFixed(0).padStart(5)} µs CPU/req\n`,
    ).join('') +
      `${'bare HTTPS, wrk x2'.padEnd(22)} ${b2.toFixed(0).padStart(7)} req/s  (${b2 > rate.bare * 1.05 ? 'HIGHER: wrk was the bottleneck' : 'not higher: wrk is not the bottleneck'})\n` +
      ratio('mock/bare', 'mock', 'bare', '  target >= 0.5') +
      ratio('mock/mockttp', 'mock', 'mockttp', '  target >= 1.0') +
      ratio('mock/mockttp, no recording', 'mock', 'mockttp-unrecorded', '') +
      ratio('parse floor/bare', 'parse-floor', 'bare', '  (the most any sax-based server reaches)') +
      ratio('parse floor/mockttp, no rec.', 'parse-floor', 'mockttp-unrecorded', '') +
      `load average after: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')} (2 cores; other processes share them)\n`,
  );
}
