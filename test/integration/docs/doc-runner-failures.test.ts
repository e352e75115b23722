import { expect, test } from 'vitest';
import { runDocBlocks } from '../../support/docs/run-doc-blocks.ts';

const PAGE = [
  '# Scratch page',
  '',
  '```sh',
  'npx pgsim status --hostz .pgsim/ready.json',
  '```',
  '',
  '```sh',
  'npx pgsim list   # -> ssl-no-such-case',
  '```',
  '',
  '*(not run by the doc test: needs Docker)*',
  '',
  '```sh',
  'docker compose up',
  '```',
].join('\n');

test('a renamed flag and a wrong output fail with the file, the line and what differed; marks are counted', async () => {
  const report = await runDocBlocks([{ file: 'docs/scratch.md', text: PAGE }]);
  expect(report.ran).toBe(2);
  expect(report.notRunnable).toEqual([{ file: 'docs/scratch.md', line: 13, reason: 'needs Docker' }]);
  expect(report.failures).toHaveLength(2);
  expect(report.failures[0]).toMatch(
    /^docs\/scratch\.md:4: npx pgsim status --hostz \.pgsim\/ready\.json\n {2}exit 1\n/,
  );
  expect(report.failures[0]).toContain("unknown option '--hostz'");
  expect(report.failures[1]).toMatch(
    /^docs\/scratch\.md:8: npx pgsim list\n {2}expected output: ssl-no-such-case\n {2}got:\n/,
  );
  expect(report.failures[1]).toContain('ssl-verified');
}, 60_000);
