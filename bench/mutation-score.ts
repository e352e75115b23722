/**
 * Mutation score per module from Stryker's JSON reports (`npm run mutation` writes one per module):
 *   npm run mutation:score   (reads reports/mutation/<module>/mutation.json)
 * Score = (killed + timed out) / (killed + timed out + survived + no coverage), as Stryker counts it; mutants that do
 * not compile or are ignored are left out. Survivors are listed with their place so each can be explained or killed.
 * The run time is the last `npm run mutation` of that module (reports/mutation/<module>/run.json).
 */
import { existsSync, readFileSync } from 'node:fs';
import { MUTATED_MODULES } from '../test/mutation/modules.ts';

interface Mutant {
  mutatorName: string;
  status: string;
  replacement?: string;
  location: { start: { line: number; column: number } };
}
interface Report {
  files: Record<string, { mutants: Mutant[] }>;
}

function readJson<T>(module: string, name: string): T | undefined {
  const file = `reports/mutation/${module.replace('/', '-')}/${name}`;
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch (err) {
    console.error(`Cannot read ${file}: ${(err as Error).message}`);
    return undefined;
  }
}

const UNDETECTED = new Set(['Survived', 'NoCoverage']);
const minutes = (seconds: number) =>
  `${Math.floor(seconds / 60)} min ${String(Math.round(seconds % 60)).padStart(2, '0')} s`;
const rows: string[][] = [['module', 'killed', 'survived', 'no coverage', 'timeout', 'score', 'run time']];
const survivors: string[] = [];
for (const module of MUTATED_MODULES) {
  const report = readJson<Report>(module, 'mutation.json');
  const run = readJson<{ seconds: number }>(module, 'run.json');
  let killed = 0;
  let timedOut = 0;
  let survived = 0;
  let uncovered = 0;
  for (const [path, { mutants }] of Object.entries(report?.files ?? {})) {
    if (!path.replaceAll('\\', '/').startsWith(`${module}/`)) continue;
    for (const m of mutants) {
      if (m.status === 'Killed') killed++;
      else if (m.status === 'Timeout') timedOut++;
      else if (UNDETECTED.has(m.status)) {
        if (m.status === 'Survived') survived++;
        else uncovered++;
        survivors.push(
          `${path}:${m.location.start.line}:${m.location.start.column} ${m.status} ${m.mutatorName} ${JSON.stringify(m.replacement ?? '')}`,
        );
      }
    }
  }
  const detected = killed + timedOut;
  const total = detected + survived + uncovered;
  rows.push([
    module,
    String(killed),
    String(survived),
    String(uncovered),
    String(timedOut),
    total ? `${((100 * detected) / total).toFixed(1)} %` : 'not run yet',
    run ? minutes(run.seconds) : '',
  ]);
}
const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
for (const r of rows) console.log(r.map((c, i) => c.padEnd(widths[i]!)).join('  '));
if (survivors.length) {
  console.log(`\n${survivors.length} undetected mutants:`);
  for (const s of survivors) console.log(`  ${s}`);
}
