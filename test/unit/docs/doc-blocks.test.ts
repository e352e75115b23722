import { describe, expect, it } from 'vitest';
import { firstMissing } from '../../support/docs/loose-match.ts';
import { shBlocks } from '../../support/docs/markdown-sh-blocks.ts';
import { shCommands } from '../../support/docs/sh-commands.ts';

describe('reading sh blocks', () => {
  const page = [
    'Intro',
    '```sh',
    'npx pgsim mock-exchange --ready-file .pgsim/ready.json &',
    'curl -s \\',
    '  https://ex1.example.test:8443/   # -> NoError',
    '# prose, not output',
    '# -> second line',
    'a && b   # plain comment',
    '```',
    '```json',
    '{ "not": "sh" }',
    '```',
    '*(not run by the doc test: needs Docker)*',
    '',
    '```sh',
    'docker compose up',
    '```',
  ].join('\n');

  it('finds sh fences only, with their first line and the visible not-runnable mark', () => {
    const blocks = shBlocks('P.md', page);
    expect(blocks.map((b) => [b.line, b.notRunnable])).toEqual([
      [3, undefined],
      [16, 'needs Docker'],
    ]);
  });

  it('joins continued lines, takes # -> as output, & as background, && as a plain command', () => {
    const [block] = shBlocks('P.md', page);
    expect(block && shCommands(block)).toEqual([
      { line: 3, text: 'npx pgsim mock-exchange --ready-file .pgsim/ready.json', background: true, expect: [] },
      {
        line: 4,
        text: 'curl -s https://ex1.example.test:8443/',
        background: false,
        expect: ['NoError', 'second line'],
      },
      { line: 8, text: 'a && b   # plain comment', background: false, expect: [] },
    ]);
  });
});

describe('loose matching of the parts that vary', () => {
  it('matches times, loopback ports, fingerprints, column widths and ... loosely, the rest as written, in order', () => {
    const out = [
      'Dashboard: http://127.0.0.1:41234/',
      '[2026-12-05 20:44:34] bob: Offline (calendar free, client offline)',
      'ex1.example.test      8443  Calendar',
      'until 2031-12-04T20:42:11.000Z',
    ].join('\n');
    expect(
      firstMissing(
        [
          'http://127.0.0.1:7070/',
          '[2030-05-06 09:00:21] bob: ... (calendar ..., client offline)',
          'ex1.example.test  8443  Calendar',
          'until 2030-01-01T00:00:00Z',
        ],
        out,
      ),
    ).toBeUndefined();
    expect(firstMissing(['bob: Available'], out)).toBe('bob: Available');
    expect(firstMissing(['http://127.0.0.2:7070/'], out)).toBe('http://127.0.0.2:7070/');
    expect(firstMissing(['Calendar', 'bob:'], out)).toBe('bob:');
  });
});
