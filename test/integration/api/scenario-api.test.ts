import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runScenario } from '../../../api/index.ts';
import { tcpHandles } from './open-sockets.ts';

const work = mkdtempSync(join(tmpdir(), 'pgsim-api-scenario-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// Written as a user's suite would be: only the package's API.
describe('runScenario', { timeout: 60_000 }, () => {
  it('runs a catalog scenario by id: it passes, and the lab is gone afterwards', async () => {
    const before = tcpHandles();
    const result = await runScenario('ssl-verified');
    expect(result.ok).toBe(true);
    expect(result.id).toBe('ssl-verified');
    expect(result.steps.length).toBeGreaterThan(0);
    expect(result.steps.every((s) => s.ok)).toBe(true);
    expect(result.report).toContain('ssl-verified');
    expect(tcpHandles()).toBe(before);
  });

  it('a scenario file whose expectation does not hold: ok is false and the failed step says why', async () => {
    const file = join(work, 'wrong-expectation.yaml');
    writeFileSync(
      file,
      [
        'id: wrong-expectation',
        'title: A status row that is not what the lab shows',
        'section: Troubleshooting SSL Connection Certificate Status',
        'symptom: none',
        'cause: none',
        'fix: none',
        'lab:',
        '  start: 2030-05-06T08:00:00Z',
        '  exchange:',
        '    servers:',
        '      - { name: ex1 }',
        '    mailboxes:',
        '      - { address: alice@example.test, server: ex1 }',
        '  imp:',
        '    gateways:',
        '      - { name: ex1, server: ex1 }',
        'steps:',
        '  - expect:',
        '      status:',
        '        gateways:',
        '          ex1: { ssl: Failed }',
        '',
      ].join('\n'),
    );
    const result = await runScenario(file);
    expect(result.ok).toBe(false);
    const failed = result.steps.find((s) => !s.ok);
    expect(failed?.line).toBe(18);
    expect(failed?.kind).toBe('expect');
    expect(result.report).toContain('wrong-expectation');
  });

  it('a broken scenario file throws naming the file and the field', async () => {
    const file = join(work, 'broken.yaml');
    writeFileSync(file, 'id: broken\ntitle: no steps\n');
    await expect(runScenario(file)).rejects.toThrow(/broken\.yaml/);
  });
});
