import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveFeedUrl, runFeedClient } from '../../../cli/commands/client.ts';
import { spreadOffsetSeconds } from '../../../gateway/calendar/calendar-spread.ts';
import { NODE_STATE_FILE } from '../../../gateway/config/data-dir.ts';
import { type PgsimProcess, runPgsim, startPgsim } from '../../support/pgsim-process.ts';
import { PresenceLab } from '../../support/presence-lab.ts';
import { presenceOrgConfig } from '../../support/presence-org.ts';
import { T } from '../../support/test-org.ts';

/** Resolve once the process has printed `text` on stdout; reject if it exits first. */
function waitForOutput(p: PgsimProcess, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (p.stdout().includes(text)) {
        p.child.stdout?.off('data', check);
        resolve();
      }
    };
    p.child.stdout?.on('data', check);
    void p.exited.then(({ code }) => reject(new Error(`pgsim exited (${code}) before "${text}": ${p.stderr()}`)));
    check();
  });
}

describe('pgsim user and pgsim client', () => {
  let dir: string;
  let h: PresenceLab | undefined;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pgsim-users-'));
  });
  afterEach(async () => {
    await h?.stop();
    h = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  /** Point the data directory at the in-process lab, as `pgsim lab` records itself. */
  const recordLab = (lab: PresenceLab) =>
    writeFileSync(
      join(dir, NODE_STATE_FILE),
      JSON.stringify({
        pid: process.pid,
        adminUrl: lab.lab.impAdminUrl,
        token: lab.lab.token,
        startedAt: new Date().toISOString(),
      }),
    );

  it('without a running node, user commands change the data directory, and bad input fails clearly', async () => {
    const add = await runPgsim([
      'user',
      'add',
      'zoe',
      '--mailbox',
      'Zoe@Example.test',
      '--password',
      'pw',
      '--data-dir',
      dir,
      '--json',
    ]);
    expect(add.code, add.stderr).toBe(0);
    expect(JSON.parse(add.stdout)).toMatchObject({
      userId: 'zoe',
      mailbox: 'zoe@example.test',
      calendaring: true,
      licensed: true,
    });
    const off = await runPgsim(['user', 'calendaring', 'zoe', 'off', '--data-dir', dir]);
    expect(off.stdout).toBe('Meeting information in presence for zoe: off.\n');
    const list = await runPgsim(['user', 'list', '--data-dir', dir, '--json']);
    expect(JSON.parse(list.stdout)).toEqual([
      expect.objectContaining({ userId: 'zoe', calendaring: false, impEnabled: true }),
    ]);

    const bad = await runPgsim(['user', 'update', 'zoe', '--calendaring', 'maybe', '--data-dir', dir]);
    expect(bad).toMatchObject({ code: 1, stderr: 'pgsim: --calendaring must be on or off, got "maybe"\n' });
    const dup = await runPgsim(['user', 'add', 'zoe', '--mailbox', 'z@example.test', '--data-dir', dir]);
    expect(dup).toMatchObject({ code: 1, stderr: expect.stringContaining('End user "zoe" already exists') });
  }, 120_000);

  it('with a running node, calendaring off and on reaches the engine at once and fixes a moved mailbox', async () => {
    h = await PresenceLab.start({ org: presenceOrgConfig() });
    recordLab(h);
    h.exchange.admin.moveMailbox('alice@example.test', 'ex2');
    await h.advanceTo(Date.parse(T('08:05')));
    h.exchange.admin.createMeeting('alice@example.test', { subject: 'Retro', start: T('08:00'), end: T('08:40') });
    await h.settle();
    expect(h.presence('alice').calendar).toBe('free');

    const list = await runPgsim(['user', 'list', '--data-dir', dir]);
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toMatch(
      /alice\s+alice@example\.test\s+yes\s+yes\s+yes\s+en_US\s+subscribed via ex1\.example\.test\s+Offline/,
    );
    expect((await runPgsim(['user', 'calendaring', 'alice', 'off', '--data-dir', dir])).code).toBe(0);
    expect(h.imp.calendars.get('alice')).toBeUndefined();
    expect((await runPgsim(['user', 'calendaring', 'alice', 'on', '--data-dir', dir])).code).toBe(0);
    await h.settle();
    expect(h.presence('alice').calendar).toBe('busy');
    const unknown = await runPgsim(['user', 'calendaring', 'nobody', 'off', '--data-dir', dir]);
    expect(unknown).toMatchObject({ code: 1, stderr: 'pgsim: No end user "nobody" [UNKNOWN_USER]\n' });
  }, 120_000);

  it('pgsim client logs in, watches and prints live updates until interrupted', async () => {
    h = await PresenceLab.start({ org: presenceOrgConfig() });
    recordLab(h);
    expect(resolveFeedUrl({ dataDir: dir })).toBe(h.lab.presenceUrl);
    const p = startPgsim(['client', '--user', 'alice', '--watch', 'erin,carol', '--data-dir', dir]);
    try {
      // carol is not logged in: Offline, though her calendar says out of office.
      await waitForOutput(p, 'carol: Offline (calendar oof, client offline)');
      expect(p.stdout()).toContain('Logged in as alice: Available (calendar free)');
      expect(p.stdout()).toContain('] erin: Offline (calendar free, client offline)');
      h.imp.presence.setClient('erin', 'available'); // erin logs in before her meeting
      await waitForOutput(p, 'erin: Available (calendar free, client available)');
      const publish = Date.parse(T('09:00')) + spreadOffsetSeconds('erin', 50) * 1000;
      await h.advanceTo(publish);
      await waitForOutput(p, 'erin: In a meeting');
      expect(p.stdout()).toContain(
        `[2030-05-06 09:00:${String((publish / 1000) % 60).padStart(2, '0')}] erin: In a meeting (calendar busy, client available)`,
      );
      expect(h.presence('alice').client).toBe('available');
    } finally {
      p.child.kill('SIGINT');
    }
    expect((await p.exited).code).toBe(0);
  }, 120_000);

  it('a wrong password ends the client with an error and a non-zero status', async () => {
    h = await PresenceLab.start({ org: presenceOrgConfig() });
    const lines: string[] = [];
    const client = runFeedClient({ url: h.lab.presenceUrl, user: 'bob', password: 'nope', watch: ['alice'] }, (l) =>
      lines.push(l),
    );
    expect(await client.done).toBe(1);
    expect(lines).toContain(
      'error (login-failed): Login failed for "bob": wrong user ID or password, or the user is not enabled for IM and Presence',
    );
    expect(() => resolveFeedUrl({ url: 'http://localhost/presence' })).toThrow('--url must be a ws:// or wss:// URL');
    expect(() => resolveFeedUrl({ dataDir: dir })).toThrow('no running IM&P node found');
  });
});
