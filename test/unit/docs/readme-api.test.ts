import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as api from '../../../api/index.ts';

const README = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
const EXAMPLE = readFileSync(new URL('../../integration/api/readme-example.test.ts', import.meta.url), 'utf8');

/** The section "Use pgsim from your test suite", up to the next level-2 heading. */
function section(): string {
  const start = README.indexOf('\n## Use pgsim from your test suite\n');
  expect(start, 'README has a section "Use pgsim from your test suite"').toBeGreaterThan(-1);
  return README.slice(start, README.indexOf('\n## ', start + 1));
}

describe('README: Use pgsim from your test suite', () => {
  it('shows the example test exactly as it runs in test/integration/api/readme-example.test.ts', () => {
    const block = /```ts\n([\s\S]*?)```/.exec(section())?.[1];
    expect(block).toBe(EXAMPLE.replace("'../../../api/index.ts'", "'pgsim'"));
  });

  it('documents every function the API exports', () => {
    const functions = Object.entries(api)
      .filter(([, value]) => typeof value === 'function' && !/^[A-Z]/.test(value.name))
      .map(([name]) => name);
    expect(functions.sort()).toEqual(['runScenario', 'startLab', 'startMockExchange']);
    for (const name of functions) expect(section()).toContain(`\`${name}(`);
  });
});
