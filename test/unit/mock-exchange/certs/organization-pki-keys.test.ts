import { spawnSync } from 'node:child_process';
import { createHash, createPublicKey, type KeyObject, sign, verify } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { caKeySeed } from '../../../../mock-exchange/certs/ca-key-seed.ts';
import { OrganizationPki } from '../../../../mock-exchange/certs/organization-pki.ts';
import { seededRsaKey } from '../../../../mock-exchange/certs/seeded-rsa-key.ts';
import { VirtualClock } from '../../../../sim/clock.ts';
import { IdGenerator } from '../../../../sim/ids.ts';
import { HAVE_OPENSSL } from '../../../support/tls-probe.ts';

const SIM = Date.UTC(2030, 4, 6, 8, 0, 0);
const WALL = Date.UTC(2026, 11, 6, 0, 0, 0);

const spkiSha256 = (key: KeyObject) =>
  createHash('sha256')
    .update(createPublicKey(key).export({ type: 'spki', format: 'der' }))
    .digest('hex');

const pki = (keySeed: string, sim = SIM) =>
  new OrganizationPki(new VirtualClock(sim), new IdGenerator('keys'), { keySeed, wallClock: () => WALL });

// Each new seed costs up to four RSA key derivations (about 0.1 s each idle, several times that on a loaded machine).
describe('CA keys derived from the organization seed', { timeout: 60_000 }, () => {
  it('the same seed gives the key pinned below, worked out in another process: a working RSA-2048 key', () => {
    const key = seededRsaKey('pgsim-test', 'root');
    // A new value here means every restarted lab's root changes on upgrade: its gateways would lose their trust.
    expect(spkiSha256(key)).toBe(PINNED_ROOT_SPKI_SHA256);
    expect(key.asymmetricKeyDetails).toMatchObject({ modulusLength: 2048, publicExponent: 65537n });
    const signature = sign('sha256', Buffer.from('pgsim'), key);
    expect(verify('sha256', Buffer.from('pgsim'), createPublicKey(key), signature)).toBe(true);
  });

  it.skipIf(!HAVE_OPENSSL)('OpenSSL finds the derived key sound: p and q prime, d, dp, dq and qi consistent', () => {
    const pem = seededRsaKey('pgsim-test', 'issuing').export({ type: 'pkcs8', format: 'pem' }).toString();
    const check = spawnSync('openssl', ['rsa', '-check', '-noout'], { input: pem, encoding: 'utf8' });
    expect(check.stdout + check.stderr).toContain('RSA key ok');
    expect(check.status).toBe(0);
  });

  it('different seeds give different CA keys, the same seed the same ones, and the four CAs differ from each other', () => {
    const a = pki('seed:alpha');
    const again = pki('seed:alpha', SIM + 30 * 86_400_000);
    const b = pki('seed:beta');
    const keys = (p: OrganizationPki) => [p.root, p.issuing, p.otherRoot, p.impostor].map((c) => spkiSha256(c.key));
    expect(keys(again)).toEqual(keys(a));
    expect(new Set([...keys(a), ...keys(b)]).size).toBe(8);
    // The certificates carry those keys, not the key pool's.
    expect(a.root.x509.publicKey.equals(createPublicKey(a.root.key))).toBe(true);
  });

  it('the CA keys differ between two organizations without a seed', () => {
    const a = new OrganizationPki(new VirtualClock(SIM), new IdGenerator('keys'));
    const b = new OrganizationPki(new VirtualClock(SIM), new IdGenerator('keys'));
    expect(spkiSha256(a.root.key)).not.toBe(spkiSha256(b.root.key));
  });
});

describe('caKeySeed: where an organization without a seed keeps its CA keys', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it("an organization's seed wins, and needs no file", () => {
    dir = mkdtempSync(join(tmpdir(), 'pgsim-ca-seed-'));
    expect(caKeySeed('lab-1', join(dir, 'exchange-ca.seed'))).toBe('seed:lab-1');
    expect(() => statSync(join(dir!, 'exchange-ca.seed'))).toThrow();
  });

  it('without a seed: a 0600 file made once and read on every later start; no file, a new secret each time', () => {
    dir = mkdtempSync(join(tmpdir(), 'pgsim-ca-seed-'));
    const file = join(dir, 'data', 'exchange-ca.seed');
    const first = caKeySeed(undefined, file);
    expect(first).toMatch(/^file:[0-9a-f]{64}$/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'data')).mode & 0o777).toBe(0o700);
    expect(caKeySeed(undefined, file)).toBe(first);
    expect(readFileSync(file, 'utf8')).toBe(`${first.slice('file:'.length)}\n`);
    expect(caKeySeed(undefined)).not.toBe(caKeySeed(undefined));
  });

  it('a damaged seed file is an error naming the file, never silently new keys', () => {
    dir = mkdtempSync(join(tmpdir(), 'pgsim-ca-seed-'));
    const file = join(dir, 'exchange-ca.seed');
    writeFileSync(file, 'not hex\n');
    expect(() => caKeySeed(undefined, file)).toThrow(`${file}: not a CA key seed (64 hex digits)`);
  });
});

const PINNED_ROOT_SPKI_SHA256 = '395f0aca3e6ed1677a2f185065aada03eb3b1885ec717b322cf98a3f91f37131';
