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
  const started = performance.now();
  const report = await runDocBlocks(readDocPages(REPO_ROOT, markdownUnder('docs')));
  const took = ((performance.now() - started) / 1000).toFixed(1);
  const times = Object.entries(report.seconds).map(([at, s]) => `${at} ${s} s`);
  const marks = report.notRunnable.map((m) => `\n  ${m.file}:${m.line}: ${m.reason}`).join('');
  console.log(
    `doc test: ${report.ran} blocks ran (${report.commands} commands) in ${took} s (${times.join(', ')}), ` +
      `${report.notRunnable.length} marked not runnable:${marks}`,
  );
  expect(report.failures.join('\n\n')).toBe('');
  expect(report.ran).toBeGreaterThanOrEqual(5);
}, 300_000);
