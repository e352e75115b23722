/**
 * Mutation score per module from Stryker's JSON reports (`npm run mutation` writes one per module):
 *   npm run mutation:score   (reads reports/mutation/<module>/mutation.json)
 * Score = (killed + timed out) / (killed + timed out + survived + no coverage), as Stryker counts it; mutants that do
 * not compile or are ignored are left out. Survivors are listed with their place so each can be explained or killed.
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

function readReport(module: string): Report | undefined {
  const file = `reports/mutation/${module.replace('/', '-')}/mutation.json`;
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Report;
  } catch (err) {
    console.error(`Cannot read the mutation report ${file}: ${(err as Error).message}`);
    return undefined;
  }
}

const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);
const rows: string[][] = [['module', 'killed', 'survived', 'no coverage', 'score']];
const survivors: string[] = [];
for (const module of MUTATED_MODULES) {
  const report = readReport(module);
  let detected = 0;
  let survived = 0;
  let uncovered = 0;
  for (const [path, { mutants }] of Object.entries(report?.files ?? {})) {
    if (!path.replaceAll('\\', '/').startsWith(`${module}/`)) continue;
    for (const m of mutants) {
      if (DETECTED.has(m.status)) detected++;
      else if (UNDETECTED.has(m.status)) {
        if (m.status === 'Survived') survived++;
        else uncovered++;
        survivors.push(
          `${path}:${m.location.start.line}:${m.location.start.column} ${m.status} ${m.mutatorName} ${JSON.stringify(m.replacement ?? '')}`,
        );
      }
    }
  }
  const total = detected + survived + uncovered;
  rows.push([
    module,
    String(detected),
    String(survived),
    String(uncovered),
    total ? `${((100 * detected) / total).toFixed(1)} %` : 'not run yet',
  ]);
}
const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
for (const r of rows) console.log(r.map((c, i) => c.padEnd(widths[i]!)).join('  '));
if (survivors.length) {
  console.log(`\n${survivors.length} undetected mutants:`);
  for (const s of survivors) console.log(`  ${s}`);
}
