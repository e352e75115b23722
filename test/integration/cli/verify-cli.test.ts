import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OrganizationPki } from '../../../mock-exchange/certs/organization-pki.ts';
import { valid } from '../../../mock-exchange/certs/profiles/valid.ts';
import { VirtualClock } from '../../../sim/clock.ts';
import { IdGenerator } from '../../../sim/ids.ts';
import { runPgsim } from '../../support/pgsim-process.ts';
import { TEST_START } from '../../support/test-org.ts';

const HOST = 'ex1.example.test';
const AT = new Date(TEST_START).toISOString();

describe('pgsim verify (the command, files on disk)', () => {
  let dir: string;
  const file = (name: string) => join(dir, name);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pgsim-verify-'));
    const pki = new OrganizationPki(new VirtualClock(TEST_START), new IdGenerator('verify-cli'));
    const served = await valid.build({ pki, server: { fqdn: HOST, ip: '127.0.20.1' } });
    writeFileSync(file('leaf.pem'), served.chainPem[0]!);
    writeFileSync(file('chain.pem'), served.chainPem[0]! + pki.issuing.pem);
    writeFileSync(file('key.pem'), served.keyPem);
    writeFileSync(file('empty.pem'), '');
    writeFileSync(file('notes.txt'), 'Exchange certificate, see the ticket\n');
    mkdirSync(file('trust'));
    writeFileSync(file('trust/root.pem'), pki.root.pem);
    writeFileSync(file('trust/readme.txt'), 'not a certificate, and not read: only .pem .crt .cer .der are');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const verify = (...args: string[]) => runPgsim(['verify', '--host', HOST, '--at', AT, ...args]);

  it('leaf without its issuing CA, --trust DIR holding the root: Certificate Missing From Chain, the Missing row, the action', async () => {
    const r = await verify('--chain', file('leaf.pem'), '--trust', file('trust'));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/ex1\.example\.test\s+Failed - Certificate Missing From Chain/);
    expect(r.stdout).toContain('Failed - Certificate Missing From Chain (missing-issuer)');
    expect(r.stdout).toMatch(/pgsim Lab Issuing CA\s+Missing/);
    expect(r.stdout).toContain('Do: Open Configure/View');
  });

  it('with the issuing CA in the chain: Verified (--json for tools)', async () => {
    const r = await verify('--chain', file('chain.pem'), '--trust', file('trust/root.pem'), '--json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as { ssl: string; evidence: { rule: string; chain: { status: string }[] } };
    expect(json.ssl).toBe('Verified');
    expect(json.evidence.rule).toBe('verified');
    expect(json.evidence.chain.map((c) => c.status)).toEqual(['Verified', 'Verified', 'Verified']);
  });

  it('nothing trusted: the root is Missing From Chain too', async () => {
    const r = await verify('--chain', file('chain.pem'), '--json');
    expect((JSON.parse(r.stdout) as { ssl: string }).ssl).toBe('Failed - Certificate Missing From Chain');
  });

  it('a release the node could run judges: 8.5(1) exists, 7.0 does not', async () => {
    const old = await verify('--chain', file('chain.pem'), '--trust', file('trust'), '--release', '8.5(1)', '--json');
    expect((JSON.parse(old.stdout) as { release: string; ssl: string }).ssl).toBe('Verified');
    const bad = await verify('--chain', file('chain.pem'), '--release', '7.0');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/Unknown IM and Presence release "7\.0"/);
  });

  it.each([
    ['a private key', 'key.pem', /key\.pem: block 1 is a PRIVATE KEY, not a CERTIFICATE/],
    ['an empty file', 'empty.pem', /empty\.pem: the file is empty/],
    ['not PEM', 'notes.txt', /notes\.txt: not a certificate/],
    ['a missing file', 'nowhere.pem', /cannot read --chain .*nowhere\.pem: ENOENT/],
  ])('--chain %s: a clear error naming the file, exit 1', async (_what, name, message) => {
    const r = await verify('--chain', file(name));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });

  it('a bad --trust file or --at is named the same way', async () => {
    const key = await verify('--chain', file('chain.pem'), '--trust', file('key.pem'));
    expect(key.code).toBe(1);
    expect(key.stderr).toMatch(/key\.pem: block 1 is a PRIVATE KEY/);
    const at = await verify('--chain', file('chain.pem'), '--at', 'yesterday');
    expect(at.code).toBe(1);
    expect(at.stderr).toMatch(/--at must be a date/);
  });
});
