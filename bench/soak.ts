/**
 * Soak: the live lab at x600 (by default) for a given real time while faults, certificate profiles,
 * meetings and presence clients change, as a trainer's day compressed. Prints, over time, node RSS, open
 * file descriptors, admin GET and status-refresh latency, and the journal's size, then each one's slope
 * per virtual day (least squares), and how many status rows of healthy servers were not Verified.
 *
 *   npx tsx bench/soak.ts [--minutes 2] [--speed 600] [--every 10] [--sample 10]
 */
import { readdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createLiveLab } from '../lab/live-lab.ts';

const { values: args } = parseArgs({
  options: {
    minutes: { type: 'string', default: '2' },
    speed: { type: 'string', default: '600' },
    every: { type: 'string', default: '10' },
    sample: { type: 'string', default: '10' },
  },
});
const num = (name: keyof typeof args, min: number) => {
  const v = Number(args[name]);
  if (!Number.isFinite(v) || v < min) throw new Error(`--${name} must be a number >= ${min}, got ${args[name]}`);
  return v;
};
const runMs = num('minutes', 0.1) * 60_000;
const speed = num('speed', 1);
const everyMs = num('every', 1) * 1000;
const sampleMs = num('sample', 1) * 1000;
const DAY = 86_400_000;

interface Sample {
  realS: number;
  virtualDays: number;
  rssMb: number;
  fds: number;
  getMs: number;
  statusMs: number;
  journal: number;
  journalKb: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Least-squares slope of y against x. */
function slope(xs: number[], ys: number[]): number {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += ((xs[i] ?? 0) - mx) * ((ys[i] ?? 0) - my);
    den += ((xs[i] ?? 0) - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}

const live = await createLiveLab({ speed, exchangeAdminPort: null });
const { lab, clock } = live;
const start = clock.now();
const servers = [...lab.exchange.org.servers.values()].map((s) => s.name);
const users = lab.imp.config.users.list().map((u) => u.userId);
const hostOf = new Map([...lab.exchange.org.servers.values()].map((s) => [s.fqdn, s.name]));
/** Servers the current cycle left broken; their rows may show anything but Verified. */
const broken = new Set<string>();
let refreshes = 0;
let healthyRows = 0;
let healthyVerified = 0;

async function refresh(): Promise<number> {
  const t0 = performance.now();
  const area = await lab.imp.status();
  const ms = performance.now() - t0;
  refreshes++;
  for (const row of area.rows) {
    const server = hostOf.get(row.gateway.host);
    if (!server || broken.has(server)) continue;
    healthyRows++;
    if (row.ssl === 'Verified') healthyVerified++;
    else console.log(`  ! healthy ${server} showed "${row.ssl}" at ${clock.date().toISOString()}`);
  }
  return ms;
}

/** One change of the lab per cycle, in turn: a fault, a certificate profile, a meeting, a client. */
async function change(cycle: number): Promise<void> {
  const server = servers[cycle % servers.length] as string;
  const user = users[cycle % users.length] as string;
  switch (cycle % 6) {
    case 0:
      broken.add(server);
      await lab.exchange.faults.set(server, [{ type: 'latency', latency: 2000 }]);
      break;
    case 1:
      broken.add(server);
      await lab.exchange.faults.set(server, [{ type: 'hang' }]);
      break;
    case 2:
      broken.add(server);
      await lab.exchange.setCertificateProfile(server, 'md5');
      break;
    case 3:
      for (const s of servers) {
        await lab.exchange.faults.clear(s);
        await lab.exchange.setCertificateProfile(s, 'valid');
      }
      broken.clear();
      break;
    case 4: {
      const at = clock.now() + 10 * 60_000;
      lab.exchange.admin.createMeeting(`${user}@example.test`, {
        subject: `Soak ${cycle}`,
        start: new Date(at).toISOString(),
        end: new Date(at + 30 * 60_000).toISOString(),
      });
      break;
    }
    default:
      lab.imp.presence.setClient(user, cycle % 12 < 6 ? 'available' : 'offline');
  }
}

async function sample(): Promise<Sample> {
  const gets: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const res = await fetch(`${lab.impAdminUrl}/gateways`, { headers: { authorization: `Bearer ${lab.token}` } });
    await res.arrayBuffer();
    gets.push(performance.now() - t0);
  }
  const entries = lab.journal.entries();
  return {
    realS: Math.round((performance.now() - t0Real) / 1000),
    virtualDays: (clock.now() - start) / DAY,
    rssMb: process.memoryUsage().rss / 1e6,
    fds: readdirSync('/proc/self/fd').length,
    getMs: median(gets),
    statusMs: await refresh(),
    journal: entries.length,
    journalKb: entries.reduce((n, e) => n + e.message.length + 40, 0) / 1024,
  };
}

const t0Real = performance.now();
const samples: Sample[] = [];
console.log(`soak: x${speed} for ${runMs / 60_000} real minute(s), a change every ${everyMs / 1000} s`);
console.log('real s  virtual h  RSS MB  fds  GET ms  status ms  journal  journal KB');
let nextChange = 0;
let nextSample = 0;
let cycle = 0;
while (performance.now() - t0Real < runMs) {
  const now = performance.now() - t0Real;
  if (now >= nextChange) {
    await change(cycle++);
    nextChange += everyMs;
  }
  if (now >= nextSample) {
    const s = await sample();
    samples.push(s);
    console.log(
      `${String(s.realS).padStart(6)}  ${(s.virtualDays * 24).toFixed(1).padStart(9)}  ${s.rssMb.toFixed(0).padStart(6)}  ` +
        `${String(s.fds).padStart(3)}  ${s.getMs.toFixed(1).padStart(6)}  ${s.statusMs.toFixed(0).padStart(9)}  ` +
        `${String(s.journal).padStart(7)}  ${s.journalKb.toFixed(0).padStart(10)}`,
    );
    nextSample += sampleMs;
  }
  await wait(200);
}

const days = samples.map((s) => s.virtualDays);
const per = (k: keyof Sample) =>
  slope(
    days,
    samples.map((s) => s[k]),
  );
console.log(`\n${(days.at(-1) ?? 0).toFixed(2)} virtual days in ${runMs / 60_000} real minute(s), ${cycle} changes`);
console.log(
  `slopes per virtual day: RSS ${per('rssMb').toFixed(1)} MB, fds ${per('fds').toFixed(1)}, ` +
    `GET ${per('getMs').toFixed(2)} ms, status ${per('statusMs').toFixed(1)} ms, journal ${per('journal').toFixed(0)} entries ` +
    `(${per('journalKb').toFixed(0)} KB; bounded at 50,000 entries)`,
);
console.log(`status refreshes: ${refreshes}; rows of healthy servers Verified: ${healthyVerified} of ${healthyRows}`);
console.log(`time driver: ${JSON.stringify(live.time.stats)}`);
live.driver.stop();
await lab.stop();
