import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseXml } from '../../ews/soap-request.ts';
import { REPO_ROOT, runPgsim } from '../support/pgsim-process.ts';

const WRONG = join(REPO_ROOT, 'test/fixtures/scenarios/wrong-expectation.yaml');
const BROKEN = join(REPO_ROOT, 'test/fixtures/scenarios/broken-action.yaml');

describe('pgsim run, show and demo as a user runs them', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pgsim-run-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a deliberately wrong expectation: exit 1, expected versus observed with file and line', async () => {
    const r = await runPgsim(['run', WRONG]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('FAIL  wrong-expectation');
    expect(r.stdout).toContain(`step 2 (${WRONG}:23) at 08:00:00: expect presence`);
    expect(r.stdout).toMatch(/presence alice\n\s+expected: In a meeting\n\s+observed: Offline/);
    // Alice logs in (step 3), so the In a meeting of step 5 holds: only step 2 is reported.
    expect(r.stdout).not.toContain('step 5');
    expect(r.stdout).toContain('0 passed, 1 failed');
    expect(r.stderr).toContain('1 of 1 scenario(s) failed');
  });

  it('--reporter junit writes XML with one testcase per scenario and the failure text in the body', async () => {
    const out = join(dir, 'report.xml');
    const r = await runPgsim(['run', 'ssl-verified', WRONG, '--reporter', 'junit', '--out', out]);
    expect(r.code).toBe(1);
    const xml = await parseXml(readFileSync(out, 'utf8'));
    const suite = xml.child('testsuite')!;
    expect([suite.attr('tests'), suite.attr('failures')]).toEqual(['2', '1']);
    const cases = suite.all('testcase');
    expect(cases.map((c) => c.attr('name'))).toEqual([
      'ssl-verified: SSL Connection/Certificate Verification - Verified',
      'wrong-expectation: A healthy lab with one deliberately wrong expectation',
    ]);
    expect(cases[0]?.child('failure')).toBeUndefined();
    expect(cases[1]?.attr('classname')).toBe('Troubleshooting Exchange Server Connection Status');
    expect(cases[1]?.textAt('failure')).toContain('presence alice: expected In a meeting, observed Offline');
    expect(cases[1]?.textAt('system-out')).toContain('FAIL [08:00:00] expect presence');
  });

  it('--reporter json: exit 0 when everything holds, and one record per step', async () => {
    const r = await runPgsim(['run', 'ssl-verified', '--reporter', 'json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { passed: number; steps: { scenario: string; kind: string; ok: boolean }[] };
    expect(report.passed).toBe(1);
    expect(report.steps.map((s) => s.kind)).toEqual(['say', 'expect', 'say', 'expect', 'do', 'at', 'expect']);
    expect(report.steps.every((s) => s.scenario === 'ssl-verified' && s.ok)).toBe(true);
  });

  it('a broken file: exit 2, file, line and field, and nothing runs', async () => {
    const r = await runPgsim(['run', 'ssl-verified', BROKEN]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${BROKEN}:13:9: steps[0].do: unknown action "gateway.rename"`);
    expect(r.stdout).toBe('');
  });

  it('pgsim demo --auto plays the narration, the status area and presence', async () => {
    const r = await runPgsim(['demo', 'ssl-verified', '--auto', '--pace', '0']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('>> ex1 presents a wildcard certificate');
    expect(r.stdout).toMatch(/ex2-by-ip\s+127\.0\.10\.2:\d+\s+pingable\s+Verified/);
    expect(r.stdout).toMatch(/alice\s+In a meeting\s+subscribed/);
    expect(r.stdout).toContain('Scenario complete: every expectation held.');
  });

  it('pgsim list and show', async () => {
    const list = await runPgsim(['list', '--json']);
    const ids = (JSON.parse(list.stdout) as { id: string }[]).map((s) => s.id);
    expect(ids).toContain('mailbox-move');
    const show = await runPgsim(['show', 'mailbox-move']);
    expect(show.stdout).toContain(
      'section: Calendar State Does Not Update if a User Moves Between Microsoft Exchange Servers',
    );
    expect(show.stdout).toMatch(/\(line \d+\) exchange.move-mailbox mailbox=alice@example.test to=ex2/);
  });
});
