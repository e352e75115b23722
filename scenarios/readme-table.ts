import { pathToFileURL } from 'node:url';
import { catalogFiles } from './catalog.ts';
import { loadScenarioFile, type Scenario } from './loader/load-scenario.ts';

/** The README's catalog table sits between these markers; a test keeps it equal to the files. */
export const TABLE_BEGIN = '<!-- catalog-table:begin (npx tsx scenarios/readme-table.ts) -->';
export const TABLE_END = '<!-- catalog-table:end -->';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();

export function catalogTable(scenarios: Scenario[]): string {
  return [
    '| id | symptom | cause | fix |',
    '|---|---|---|---|',
    ...scenarios.map((s) => `| \`${s.id}\` | ${cell(s.symptom)} | ${cell(s.cause)} | ${cell(s.fix)} |`),
  ].join('\n');
}

export function catalogTableFromFiles(): string {
  return catalogTable(catalogFiles().map(loadScenarioFile));
}

// Print the table to paste into README.md.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.stdout.write(`${TABLE_BEGIN}\n${catalogTableFromFiles()}\n${TABLE_END}\n`);
}
