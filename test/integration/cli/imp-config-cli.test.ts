import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OrganizationPki } from '../../../mock-exchange/certs/organization-pki.ts';
import { VirtualClock } from '../../../sim/clock.ts';
import { IdGenerator } from '../../../sim/ids.ts';
import { runPgsim } from '../../support/pgsim-process.ts';

/** The configuration commands work on the data directory with no node running, and refuse bad input. */
describe('pgsim gateway, trust and sql on a data directory', { timeout: 120_000 }, () => {
  let dir: string;
  const pgsim = (...args: string[]) => runPgsim([...args, '--data-dir', dir]);

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'pgsim-cli-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('adds a gateway, refuses a duplicate and bad values, and lists it through run sql', async () => {
    const added = await pgsim(
      'gateway',
      'add',
      '--host',
      'ex1.example.test',
      '--port',
      '8443',
      '--account-name',
      'svc-imp',
      '--account-password',
      'pw',
      '--json',
    );
    expect(added.code).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({
      host: 'ex1.example.test',
      port: 8443,
      localecalendarname: 'Calendar',
    });

    const dup = await pgsim('gateway', 'add', '--host', 'ex1.example.test', '--port', '8443');
    expect(dup.code).toBe(1);
    expect(dup.stderr).toMatch(/already exists.*DUPLICATE_GATEWAY/);
    const badPort = await pgsim('gateway', 'add', '--host', 'ex2.example.test', '--port', '70000');
    expect(badPort.code).toBe(1);
    expect(badPort.stderr).toMatch(/Presence Gateway Port must be an integer from 1 to 65535, got "70000"/);
    const badHost = await pgsim('gateway', 'add', '--host', 'not a host');
    expect(badHost.stderr).toMatch(/"not a host" is not a valid FQDN or IP address/);

    const sql = await pgsim('sql', 'SELECT presencegateway, port, localecalendarname FROM pebackendgateway', '--json');
    expect(JSON.parse(sql.stdout)).toEqual([
      { presencegateway: 'ex1.example.test', port: 8443, localecalendarname: 'Calendar' },
    ]);
    const drop = await pgsim('sql', 'DELETE FROM pebackendgateway');
    expect(drop.code).toBe(1);
    expect(drop.stderr).toMatch(/Only SELECT statements are allowed/);
    expect(JSON.parse((await pgsim('gateway', 'list', '--json')).stdout).gateways).toHaveLength(1);
  });

  it('unlicenses a user; an unknown user is an error that changes nothing', async () => {
    expect((await pgsim('user', 'add', 'alice', '--mailbox', 'alice@example.test')).code).toBe(0);
    const done = await pgsim('user', 'unlicense', 'alice', '--json');
    expect(JSON.parse(done.stdout)).toMatchObject({ userId: 'alice', licensed: false });
    const unknown = await pgsim('user', 'unlicense', 'nobody');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/No end user "nobody"/);
  });

  it('uploads a CA bundle, refuses garbage and duplicates, deletes by CN', async () => {
    const pki = new OrganizationPki(new VirtualClock(Date.now()), new IdGenerator('cli'));
    const bundle = join(dir, 'chain.pem');
    writeFileSync(bundle, pki.caChainPem.join('\n'));
    const garbage = join(dir, 'junk.pem');
    writeFileSync(garbage, 'not a certificate');

    expect((await pgsim('trust', 'upload', bundle)).code).toBe(0);
    const again = await pgsim('trust', 'upload', bundle);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already in cup-trust/);
    const junk = await pgsim('trust', 'upload', garbage);
    expect(junk.stderr).toMatch(/junk.pem: not a certificate/);
    const listed = JSON.parse((await pgsim('trust', 'list', '--json')).stdout) as { subject: string }[];
    expect(listed).toHaveLength(2);
    expect((await pgsim('trust', 'delete', 'pgsim Lab Root CA')).code).toBe(0);
    expect(JSON.parse((await pgsim('trust', 'list', '--json')).stdout)).toHaveLength(1);
    const unknownStore = await pgsim('trust', 'list', '--store', 'nope');
    expect(unknownStore.stderr).toMatch(/Unknown trust store "nope"/);
  });
});
