/**
 * Push throughput of the mock Exchange: N mailboxes, each with a push subscription to one local
 * subscriber (another process), and one meeting change in every mailbox at the same virtual instant.
 * Prints notifications delivered per second and the p50/p99 latency from change to arrival, and the
 * same figures for a bare HTTP client POSTing the same bodies to the same subscriber, as a ratio.
 *
 *   npx tsx bench/push-throughput.ts [--mailboxes 10000] [--sockets 64]
 */
import { type ChildProcess, fork } from 'node:child_process';
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { MockExchange } from '../mock-exchange/mock-exchange.ts';
import type { MailboxConfig, OrgConfig } from '../mock-exchange/org-config.ts';
import { VirtualClock } from '../sim/clock.ts';

const { values: args } = parseArgs({
  options: { mailboxes: { type: 'string', default: '10000' }, sockets: { type: 'string', default: '64' } },
});
const positive = (name: keyof typeof args) => {
  const n = Number(args[name]);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive integer, got ${args[name]}`);
  return n;
};
const N = positive('mailboxes');
const SOCKETS = positive('sockets');
const START = Date.UTC(2030, 4, 6, 8, 0, 0);
const now = () => performance.timeOrigin + performance.now();

function orgConfig(n: number): OrgConfig {
  const mailboxes: MailboxConfig[] = [];
  for (let i = 0; i < n; i++) mailboxes.push({ address: `user${i}@example.test`, server: i % 2 ? 'ex2' : 'ex1' });
  return {
    domain: 'example.test',
    seed: 'bench',
    servers: [
      { name: 'ex1', fqdn: 'ex1.example.test', ip: '127.0.30.1', port: 0 },
      { name: 'ex2', fqdn: 'ex2.example.test', ip: '127.0.30.2', port: 0 },
    ],
    accounts: [{ user: 'svc-imp', password: 'Imp-Passw0rd', impersonation: true }],
    mailboxes,
  };
}

function startSubscriber(): Promise<{ child: ChildProcess; port: number }> {
  const child = fork(fileURLToPath(new URL('./push-subscriber.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('message', (m: { type: string; port: number }) => resolve({ child, port: m.port }));
  });
}

function arrivals(child: ChildProcess, count: number): Promise<Map<string, number>> {
  return new Promise((resolve) => {
    child.once('message', (m: { arrivals: [string, number][] }) => resolve(new Map(m.arrivals)));
    child.send({ type: 'expect', count });
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

interface Figures {
  perSecond: number;
  p50: number;
  p99: number;
  wallMs: number;
}

function figures(changedAt: Map<string, number>, arrived: Map<string, number>, t0: number): Figures {
  const latencies: number[] = [];
  let last = t0;
  for (const [id, at] of arrived) {
    const from = changedAt.get(id);
    if (from === undefined) throw new Error(`A push for an unknown subscription ${id}`);
    latencies.push(at - from);
    last = Math.max(last, at);
  }
  latencies.sort((a, b) => a - b);
  const wallMs = last - t0;
  return {
    perSecond: (arrived.size / wallMs) * 1000,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    wallMs,
  };
}

async function mockRun(port: number, child: ChildProcess): Promise<Figures> {
  const clock = new VirtualClock(START);
  const setupStart = performance.now();
  const mock = new MockExchange({
    config: orgConfig(N),
    clock,
    adminPort: null,
    notifications: { pushMaxSockets: SOCKETS },
  });
  await mock.start();
  const url = `http://127.0.0.1:${port}/imp/notify`;
  const subscriptionOf = new Map<string, string>();
  for (const mbx of mock.org.mailboxes.values()) {
    const sub = mock.notifications.subscribe({
      kind: 'push',
      mailbox: mbx,
      account: 'svc-imp',
      eventTypes: ['CreatedEvent', 'ModifiedEvent', 'DeletedEvent'],
      statusFrequencyMinutes: 30,
      url,
    });
    subscriptionOf.set(mbx.address, sub.id);
  }
  const setupMs = performance.now() - setupStart;

  mock.notifications.on('push', (a) => {
    if (a.outcome.status !== 'OK') throw new Error(`push to ${a.url} failed: ${JSON.stringify(a.outcome)}`);
  });
  const done = arrivals(child, N);
  const changedAt = new Map<string, number>();
  const start = START + 7 * 3_600_000;
  const t0 = now();
  // Every change at the same virtual instant: the clock does not move during this loop.
  for (const mbx of mock.org.mailboxes.values()) {
    changedAt.set(subscriptionOf.get(mbx.address)!, now());
    mbx.calendar.create({ subject: 'Bench meeting', start, end: start + 1_800_000 });
  }
  const arrived = await done;
  const result = figures(changedAt, arrived, t0);
  console.log(
    `  setup: ${N} mailboxes and push subscriptions in ${(setupMs / 1000).toFixed(1)} s; virtual time still ${new Date(clock.now()).toISOString()}`,
  );
  await mock.stop();
  return result;
}

/** The same number of POSTs of a SendNotification-sized body from a bare keep-alive client. */
async function bareRun(port: number, child: ChildProcess, body: string): Promise<Figures> {
  const agent = new Agent({ keepAlive: true, maxSockets: SOCKETS });
  const done = arrivals(child, N);
  const changedAt = new Map<string, number>();
  const t0 = now();
  for (let i = 0; i < N; i++) {
    const id = `bare-${i}`;
    const xml = body.replace(
      /<t:SubscriptionId>[^<]+<\/t:SubscriptionId>/,
      `<t:SubscriptionId>${id}</t:SubscriptionId>`,
    );
    changedAt.set(id, now());
    const req = request(`http://127.0.0.1:${port}/imp/notify`, {
      method: 'POST',
      agent,
      headers: { 'Content-Type': 'text/xml; charset=utf-8', 'Content-Length': Buffer.byteLength(xml) },
    });
    req.on('response', (res) => res.resume());
    req.end(xml);
  }
  const result = figures(changedAt, await done, t0);
  agent.destroy();
  return result;
}

const SAMPLE_BODY = (() => {
  const wm = 'AQAAAJgm/6s3iz29AAAAAAAAAAE=';
  const ev = (type: string, idTag: string, id: string) =>
    `<t:${type}><t:Watermark>${wm}</t:Watermark><t:TimeStamp>2030-05-06T15:00:00Z</t:TimeStamp><t:${idTag} Id="${id}" ChangeKey="DwAAABIW2lKPu5"/><t:ParentFolderId Id="AAMkADq8IS1MhsjmGk+dh5zKqrhye1" ChangeKey="AQAAAA=="/>${type === 'ModifiedEvent' ? '<t:UnreadCount>0</t:UnreadCount>' : ''}</t:${type}>`;
  return `<?xml version="1.0" encoding="utf-8"?><soap11:Envelope xmlns:soap11="http://schemas.xmlsoap.org/soap/envelope/"><soap11:Header><t:RequestServerVersion xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types" Version="Exchange2013"/></soap11:Header><soap11:Body><m:SendNotification xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types"><m:ResponseMessages><m:SendNotificationResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode><m:Notification><t:SubscriptionId>x</t:SubscriptionId><t:PreviousWatermark>${wm}</t:PreviousWatermark><t:MoreEvents>false</t:MoreEvents>${ev('CreatedEvent', 'ItemId', 'AAMkAD+uyAv0zBdD7YMMLTQONupSnmuT9lzzwK')}${ev('ModifiedEvent', 'FolderId', 'AAMkADq8IS1MhsjmGk+dh5zKqrhye1')}</m:Notification></m:SendNotificationResponseMessage></m:ResponseMessages></m:SendNotification></soap11:Body></soap11:Envelope>`;
})();

const fmt = (f: Figures) =>
  `${f.perSecond.toFixed(0).padStart(7)} notifications/s   p50 ${f.p50.toFixed(0).padStart(6)} ms   p99 ${f.p99.toFixed(0).padStart(6)} ms   (${N} in ${(f.wallMs / 1000).toFixed(2)} s)`;

const { child, port } = await startSubscriber();
try {
  console.log(`push-throughput: ${N} mailboxes, one push subscription and one meeting change each, ${SOCKETS} sockets`);
  const mock = await mockRun(port, child);
  console.log(`  mock Exchange: ${fmt(mock)}`);
  const bare = await bareRun(port, child, SAMPLE_BODY);
  console.log(`  bare client:   ${fmt(bare)}`);
  console.log(`  ratio mock/bare throughput: ${(mock.perSecond / bare.perSecond).toFixed(2)}`);
} finally {
  child.send({ type: 'stop' });
}
