/**
 * `npm run mutation [-- MODULE...]`: Stryker over each module in turn (all of them by default), each with the tests
 * that concern it, incrementally (a rerun tests only mutants whose code or tests changed). Reports go to
 * reports/mutation/<module>/; `npm run mutation:score` sums them up. Arguments from the first one starting with `-` go
 * to Stryker as they are, e.g. `npm run mutation -- mock-exchange/operations --mutate 'mock-exchange/operations/find-*.ts'`.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';

import { MUTATED_MODULES, MUTATION_SCOPES } from './modules.ts';

const args = process.argv.slice(2);
const firstOption = args.findIndex((a) => a.startsWith('-'));
const asked = firstOption < 0 ? args : args.slice(0, firstOption);
const strykerOptions = firstOption < 0 ? [] : args.slice(firstOption);
const unknown = asked.filter((m) => !MUTATED_MODULES.includes(m));
if (unknown.length) {
  console.error(`Unknown module ${unknown.join(', ')}; choose from: ${MUTATED_MODULES.join(', ')}`);
  process.exit(2);
}
let failed = 0;
for (const module of asked.length ? asked : MUTATED_MODULES) {
  const started = Date.now();
  // A module's usual scope (modules.ts) unless the whole of it is asked for or the files are chosen here.
  const scope = process.env.PGSIM_MUTATION_WHOLE ? undefined : MUTATION_SCOPES[module];
  const options = [...strykerOptions];
  if (scope && !options.includes('--mutate')) options.push('--mutate', scope.mutate.join(','));
  const env: NodeJS.ProcessEnv = { ...process.env, PGSIM_MUTATION_MODULE: module };
  if (scope && !env.PGSIM_MUTATION_TESTS) env.PGSIM_MUTATION_TESTS = scope.tests.join(',');
  console.log(
    `== ${module}: ${options.join(' ') || 'all files'}; tests ${env.PGSIM_MUTATION_TESTS ?? 'of the module'}`,
  );
  const run = spawnSync('npx', ['stryker', 'run', ...options], { stdio: 'inherit', env });
  if (run.status !== 0) failed++;
  // The run time next to the report, for `npm run mutation:score`.
  const reports = `reports/mutation/${module.replace('/', '-')}`;
  mkdirSync(reports, { recursive: true });
  const seconds = Math.round((Date.now() - started) / 1000);
  writeFileSync(
    `${reports}/run.json`,
    `${JSON.stringify({ seconds, options, tests: env.PGSIM_MUTATION_TESTS, status: run.status })}\n`,
  );
}
process.exit(failed ? 1 : 0);
