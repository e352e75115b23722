import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImpConfig } from '../../../gateway/config/imp-config.ts';
import { VirtualClock } from '../../../sim/clock.ts';
import { runPgsim, startPgsim } from '../../support/pgsim-process.ts';

const FROM_FILE = 'Svc-From-File-4821';
const FROM_ENV = 'Zoe-From-Env-7730';

/** Passwords reach the CLI without appearing in its arguments, and never leave the database in clear. */
describe('pgsim passwords from a file or the environment', { timeout: 120_000 }, () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'pgsim-pw-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('takes the service account password from --account-password-file and an end user’s from PGSIM_USER_PASSWORD', async () => {
    const file = join(dir, 'account.txt');
    writeFileSync(file, `${FROM_FILE}\n`, { mode: 0o600 });
    const data = join(dir, 'data');
    const added = await runPgsim([
      'gateway',
      'add',
      '--host',
      'ex1.example.test',
      '--account-name',
      'svc-imp',
      '--account-password-file',
      file,
      '--data-dir',
      data,
    ]);
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    const user = startPgsim(['user', 'add', 'zoe', '--mailbox', 'zoe@example.test', '--data-dir', data], {
      PGSIM_USER_PASSWORD: FROM_ENV,
    });
    expect((await user.exited).code).toBe(0);

    const sql = await runPgsim(['sql', 'SELECT accountname, password FROM pegatewayaccount', '--data-dir', data]);
    expect(sql.stdout).toContain('********');
    expect(sql.stdout).not.toContain(FROM_FILE);

    const config = ImpConfig.open(data, new VirtualClock(0));
    expect(config.gateways.account()?.password).toBe(FROM_FILE);
    expect(config.users.authenticate('zoe', FROM_ENV)?.userId).toBe('zoe');
    config.close();
    const bytes = Buffer.concat(readdirSync(data).map((f) => readFileSync(join(data, f))));
    expect(bytes.includes(Buffer.from(FROM_FILE))).toBe(false);
    expect(bytes.includes(Buffer.from(FROM_ENV))).toBe(false);
  });

  it('names the file it cannot read', async () => {
    const missing = join(dir, 'nope.txt');
    const r = await runPgsim([
      'gateway',
      'add',
      '--host',
      'ex2.example.test',
      '--account-name',
      'svc-imp',
      '--account-password-file',
      missing,
      '--data-dir',
      join(dir, 'data2'),
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`cannot read the impersonation account password from ${missing}: ENOENT`);
  });
});
