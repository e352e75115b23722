/**
 * Wall time of the whole troubleshooting catalog headless (what `pgsim run` does after start-up) and of
 * each scenario, with its setup share, the CPU the process used, and the machine's load for context.
 * Target: the whole catalog in under 10 s on a 2-core machine.
 *
 *   npx tsx bench/catalog.ts [--rounds 2] [--tag ssl] [--tier full]   (the quick tier, as `pgsim run`, by default)
 */
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { catalogFiles } from '../scenarios/catalog.ts';
import { loadScenarioFile } from '../scenarios/loader/load-scenario.ts';
import { runScenario, type ScenarioResult } from '../scenarios/runner.ts';
import { selectScenarios } from '../scenarios/tiers.ts';

const TARGET_MS = 10_000;
const { values: args } = parseArgs({
  options: { rounds: { type: 'string', default: '2' }, tag: { type: 'string' }, tier: { type: 'string' } },
});
const rounds = Number(args.rounds);
if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`--rounds must be a positive integer, got ${args.rounds}`);

const scenarios = selectScenarios(catalogFiles().map(loadScenarioFile), {
  named: false,
  tier: args.tier === 'full' ? 'full' : 'quick',
  tags: args.tag ? [args.tag] : undefined,
});
const perScenario = new Map<string, ScenarioResult[]>();
const totals: { wallMs: number; cpuMs: number }[] = [];

for (let round = 1; round <= rounds; round++) {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (const s of scenarios) {
    const r = await runScenario(s);
    if (!r.ok) throw new Error(`${s.id} failed in round ${round}: ${r.error ?? 'an expectation failed'}`);
    perScenario.set(s.id, [...(perScenario.get(s.id) ?? []), r]);
  }
  const cpu = process.cpuUsage(cpu0);
  totals.push({ wallMs: performance.now() - t0, cpuMs: (cpu.user + cpu.system) / 1000 });
}

const ms = (n: number) => `${Math.round(n)}`.padStart(6);
const best = (rs: ScenarioResult[], f: (r: ScenarioResult) => number) => Math.min(...rs.map(f));
process.stdout.write(
  `catalog: ${scenarios.length} scenarios, ${rounds} round(s); ${cpus().length} CPUs, load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}\n\n`,
);
process.stdout.write(`${'scenario'.padEnd(36)}  wall ms  setup ms  steps  timers  settle turns\n`);
for (const [id, rs] of perScenario) {
  const r = rs.reduce((a, b) => (b.wallMs < a.wallMs ? b : a));
  process.stdout.write(
    `${id.padEnd(36)}  ${ms(best(rs, (x) => x.wallMs))}   ${ms(best(rs, (x) => x.setupMs))}  ${String(r.steps.length).padStart(5)}  ${String(r.stats?.timersFired ?? 0).padStart(6)}  ${String(r.stats?.rounds ?? 0).padStart(12)}\n`,
  );
}
for (const [i, t] of totals.entries()) {
  process.stdout.write(
    `\nround ${i + 1}: whole catalog ${Math.round(t.wallMs)} ms wall, ${Math.round(t.cpuMs)} ms CPU (CPU/wall ${(t.cpuMs / t.wallMs).toFixed(2)}); ${(t.wallMs / TARGET_MS).toFixed(2)} x the 10 s target`,
  );
}
const setupShare =
  [...perScenario.values()].reduce((n, rs) => n + best(rs, (x) => x.setupMs), 0) /
  [...perScenario.values()].reduce((n, rs) => n + best(rs, (x) => x.wallMs), 0);
process.stdout.write(`\nlab setup is ${(setupShare * 100).toFixed(0)} % of scenario wall time (best rounds)\n`);
