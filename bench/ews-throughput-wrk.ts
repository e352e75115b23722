/**
 * The wrk mode of bench/ews-throughput: the mock, mockttp serving the same bytes from a static rule, and a
 * bare node HTTPS server sending the same bytes, loaded by wrk in the same run; medians of the rounds, and a
 * bare run with twice the threads and connections to show wrk is not the bottleneck.
 */
import { createServer, request } from 'node:https';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { getLocal } from 'mockttp';
import { runWrk, type WrkResult, type WrkTarget, writeWrkScript } from './wrk-run.ts';

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

export async function compareWithWrk(c: WrkComparison, out: (line: string) => void): Promise<void> {
  const bare = createServer({ key: c.keyPem, cert: c.certPem }, (req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8', 'Content-Length': c.reply.length });
      res.end(c.reply);
    });
  });
  bare.keepAliveTimeout = 120_000;
  await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
  const mockttp = getLocal({ https: { key: c.keyPem, cert: c.certPem } });
  await mockttp.start();
  await mockttp
    .forPost('/EWS/Exchange.asmx')
    .thenReply(200, c.reply, { 'Content-Type': 'text/xml; charset=utf-8', 'Content-Length': String(c.reply.length) });
  const targets: Record<'mock' | 'mockttp' | 'bare', WrkTarget> = {
    mock: { url: c.mockUrl, headers: c.headers, body: c.body },
    mockttp: { url: `https://127.0.0.1:${mockttp.port}/EWS/Exchange.asmx`, headers: c.headers, body: c.body },
    bare: {
      url: `https://127.0.0.1:${(bare.address() as AddressInfo).port}/EWS/Exchange.asmx`,
      headers: c.headers,
      body: c.body,
    },
  };
  const script = writeWrkScript(targets.mock);
  const normal = { threads: c.threads, connections: c.connections, seconds: c.seconds };
  const doubled = { threads: c.threads * 2, connections: c.connections * 2, seconds: c.seconds };
  const figures = { mock: [] as number[], mockttp: [] as number[], bare: [] as number[], bare2: [] as number[] };
  // This process's CPU per request while each target is loaded (wrk is another process): less sensitive than
  // req/s to what else runs on the machine.
  const cpuUs = { mock: [] as number[], mockttp: [] as number[], bare: [] as number[] };
  out(
    `wrk ${c.threads} thread(s), ${c.connections} connections, ${c.seconds} s per run, ${c.rounds} rounds (medians); ` +
      `load average before: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}\n`,
  );
  try {
    // A short warm-up of each target so the first round does not measure JIT compilation.
    for (const t of Object.values(targets)) await runWrk(t, script.path, { ...normal, seconds: 1 });
    for (let round = 1; round <= c.rounds; round++) {
      for (const name of ['mock', 'mockttp', 'bare'] as const) {
        const before = process.cpuUsage();
        const result = await runWrk(targets[name], script.path, normal);
        const used = process.cpuUsage(before);
        const rate = await checked(name, targets[name], result);
        const us = (used.user + used.system) / result.requests;
        figures[name].push(rate);
        cpuUs[name].push(us);
        out(
          `  round ${round} ${name.padEnd(8)} ${rate.toFixed(0).padStart(7)} req/s ${us.toFixed(0).padStart(5)} µs CPU/req\n`,
        );
      }
      const rate = await checked('bare x2', targets.bare, await runWrk(targets.bare, script.path, doubled));
      figures.bare2.push(rate);
      out(
        `  round ${round} bare x2  ${rate.toFixed(0).padStart(7)} req/s  (${doubled.threads} threads, ${doubled.connections} connections)\n`,
      );
    }
  } finally {
    script.remove();
    await mockttp.stop();
    await new Promise<void>((resolve) => bare.close(() => resolve()));
  }
  const m = median(figures.mock);
  const t = median(figures.mockttp);
  const b = median(figures.bare);
  const b2 = median(figures.bare2);
  const cpu = { mock: median(cpuUs.mock), mockttp: median(cpuUs.mockttp), bare: median(cpuUs.bare) };
  out(
    `mock Exchange  ${m.toFixed(0).padStart(7)} req/s ${cpu.mock.toFixed(0).padStart(5)} µs CPU/req\n` +
      `mockttp        ${t.toFixed(0).padStart(7)} req/s ${cpu.mockttp.toFixed(0).padStart(5)} µs CPU/req\n` +
      `bare HTTPS     ${b.toFixed(0).padStart(7)} req/s ${cpu.bare.toFixed(0).padStart(5)} µs CPU/req\n` +
      `bare, wrk x2   ${b2.toFixed(0).padStart(7)} req/s  (${b2 > b * 1.05 ? 'HIGHER: wrk was the bottleneck' : 'not higher: wrk is not the bottleneck'})\n` +
      `mock/bare      ${(m / b).toFixed(2).padStart(7)}  (target >= 0.5)\n` +
      `mock/mockttp   ${(m / t).toFixed(2).padStart(7)}  (target >= 1.0)\n` +
      `CPU per request, bare/mock ${(cpu.bare / cpu.mock).toFixed(2)}, mockttp/mock ${(cpu.mockttp / cpu.mock).toFixed(2)} ` +
      '(the same ratios from CPU cost rather than throughput)\n' +
      `load average after: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')} (2 cores; other processes share them)\n`,
  );
}
