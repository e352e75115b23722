/**
 * Chaos at scale: 1,000 users with seeded calendars over a virtual day with 50 faults drawn from every kind
 * `pgsim chaos` knows, on the lab's virtual clock. Prints the wall time, virtual minutes per wall second,
 * mismatched user-minutes and the time to converge after the last fault (p50, p99, max) against the bound.
 *
 *   npx tsx bench/chaos.ts [--users 1000] [--faults 50] [--seed bench] [--hours 24]
 */
import { parseArgs } from 'node:util';
import { renderChaos } from '../scenarios/chaos/chaos-report.ts';
import { runChaos } from '../scenarios/chaos/chaos-run.ts';

const { values: args } = parseArgs({
  options: {
    users: { type: 'string', default: '1000' },
    faults: { type: 'string', default: '50' },
    seed: { type: 'string', default: 'bench' },
    hours: { type: 'string', default: '24' },
  },
});
const whole = (name: keyof typeof args) => {
  const n = Number(args[name]);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number, got ${args[name]}`);
  return n;
};

const hours = whole('hours');
const result = await runChaos({
  users: whole('users'),
  faultCount: whole('faults'),
  seed: args.seed,
  durationMs: hours * 3_600_000,
  onProgress: (m) => console.log(`  ${m}`),
});
console.log(renderChaos(result));
const kinds = new Map<string, number>();
for (const f of result.faults) kinds.set(f.kind, (kinds.get(f.kind) ?? 0) + 1);
console.log(`\nfault kinds: ${[...kinds].map(([k, n]) => `${k} ${n}`).join(', ')}`);
console.log(
  `wall ${(result.wallMs / 1000).toFixed(1)} s for ${hours} virtual h: ${((hours * 60) / (result.wallMs / 1000)).toFixed(1)} virtual min per wall s; ` +
    `${result.timeDriver.timersFired} timers fired, ${result.timeDriver.safetyStops} safety stops; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
);
console.log(
  `convergence: p50 ${(result.convergence.p50Ms / 60_000).toFixed(1)} min, p99 ${(result.convergence.p99Ms / 60_000).toFixed(1)} min, ` +
    `max ${(result.convergence.maxMs / 60_000).toFixed(1)} min, bound ${(result.boundMs / 60_000).toFixed(0)} min; ` +
    `${result.stuck.length} stuck of ${result.users}`,
);
process.exitCode = result.ok ? 0 : 1;
