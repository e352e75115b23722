import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runPgsim } from '../../support/pgsim-process.ts';

describe('pgsim chaos (the command)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pgsim-chaos-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a small run converges: exit 0, the JSON result, a JUnit file with one passing testcase per user', async () => {
    const junit = join(dir, 'chaos.xml');
    const r = await runPgsim([
      'chaos',
      '--users',
      '4',
      '--seed',
      'cli',
      '--duration',
      '6h',
      '--fault-count',
      '4',
      '--faults',
      'down,server-busy,engine-restart',
      '--json',
      '--junit',
      junit,
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as { ok: boolean; seed: string; faults: { kind: string }[]; replay: string };
    expect(json.ok).toBe(true);
    expect(json.faults).toHaveLength(4);
    for (const f of json.faults) expect(['down', 'server-busy', 'engine-restart']).toContain(f.kind);
    expect(json.replay).toBe(
      'pgsim chaos --seed cli --users 4 --duration 6h --fault-count 4 --faults down,server-busy,engine-restart',
    );
    const xml = readFileSync(junit, 'utf8');
    expect(xml.match(/<testcase /g)).toHaveLength(4);
    expect(xml).toContain('failures="0"');
    expect(xml).toContain('<property name="seed" value="cli"/>');
  }, 120_000);

  it.each([
    [['--faults', 'hang,mailbox-move'], /--faults: unknown fault "mailbox-move"; use some of hang, reset/],
    [['--duration', '2h'], /--duration must be at least 247m/],
    [['--duration', 'a day'], /--duration must be a number of minutes, hours or days/],
    [['--users', '0'], /--users must be a whole number >= 1, got "0"/],
    [['--fault-count', '-3'], /--fault-count must be a whole number >= 0/],
  ])(
    '%j is refused with a clear error, exit 1',
    async (args, message) => {
      const r = await runPgsim(['chaos', ...args]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(message);
      expect(r.stdout).toBe('');
    },
    60_000,
  );
});
