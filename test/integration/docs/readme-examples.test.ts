import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, test } from 'vitest';
import { readDocPages, runDocBlocks } from '../../support/docs/run-doc-blocks.ts';
import { REPO_ROOT } from '../../support/pgsim-process.ts';

function markdownUnder(dir: string): string[] {
  return readdirSync(join(REPO_ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.md'))
    .map((e) => relative(REPO_ROOT, join(e.parentPath, e.name)));
}

test('every sh block of README.md and docs/ runs as written and gives the output it shows', async () => {
  const report = await runDocBlocks(readDocPages(REPO_ROOT, markdownUnder('docs')));
  const marks = report.notRunnable.map((m) => `\n  ${m.file}:${m.line}: ${m.reason}`).join('');
  console.log(
    `doc test: ${report.ran} blocks ran (${report.commands} commands), ${report.notRunnable.length} marked not runnable:${marks}`,
  );
  expect(report.failures.join('\n\n')).toBe('');
  expect(report.ran).toBeGreaterThanOrEqual(5);
}, 300_000);
