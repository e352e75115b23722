/**
 * `npm run mutation [-- MODULE...]`: Stryker over each module in turn (all of them by default), each with the tests
 * that concern it, incrementally (a rerun tests only mutants whose code or tests changed). Reports go to
 * reports/mutation/<module>/; `npm run mutation:score` sums them up.
 */
import { spawnSync } from 'node:child_process';

import { MUTATED_MODULES } from './modules.ts';

const asked = process.argv.slice(2);
const unknown = asked.filter((m) => !MUTATED_MODULES.includes(m));
if (unknown.length) {
  console.error(`Unknown module ${unknown.join(', ')}; choose from: ${MUTATED_MODULES.join(', ')}`);
  process.exit(2);
}
let failed = 0;
for (const module of asked.length ? asked : MUTATED_MODULES) {
  console.log(`\n== ${module}`);
  const run = spawnSync('npx', ['stryker', 'run'], {
    stdio: 'inherit',
    env: { ...process.env, PGSIM_MUTATION_MODULE: module },
  });
  if (run.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
