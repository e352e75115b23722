import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { poolKey } from '../../../../mock-exchange/certs/key-pool.ts';
import { OrganizationPki } from '../../../../mock-exchange/certs/organization-pki.ts';
import { issueCertificate } from '../../../../mock-exchange/certs/pki.ts';
import { VirtualClock } from '../../../../sim/clock.ts';
import { IdGenerator } from '../../../../sim/ids.ts';
import { HAVE_OPENSSL } from '../../../support/tls-probe.ts';

/** The sim clock years ahead of the wall clock: every CA window must cover both. */
const SIM = Date.UTC(2030, 4, 6, 8, 0, 0);
const WALL = Date.UTC(2026, 11, 6, 0, 0, 0);
const DAY = 86_400_000;

const pkiAt = (sim: number) =>
  new OrganizationPki(new VirtualClock(sim), new IdGenerator('constraints'), {
    keySeed: 'seed:constraints',
    domains: ['example.test', 'corp.test'],
    wallClock: () => WALL,
  });

const pki = pkiAt(SIM);
const dir = mkdtempSync(join(tmpdir(), 'pgsim-nc-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, pem: string): string {
  const path = join(dir, name);
  writeFileSync(path, pem);
  return path;
}

/** A leaf the issuing CA signs, made here: whatever names a test gives it. */
function leaf(dnsNames: string[], ipAddresses: string[], subjectCN = dnsNames[0] ?? 'leaf') {
  return issueCertificate(
    {
      subjectCN,
      serial: '7e01',
      notBefore: new Date(WALL - 30 * DAY),
      notAfter: new Date(SIM + 30 * DAY),
      key: poolKey('leaf-a'),
      dnsNames,
      ipAddresses,
    },
    pki.issuing,
  );
}

/** `openssl verify` at the wall clock's instant, trusting the root, the issuing CA given as untrusted. */
function opensslVerify(leafPem: string, root = pki.root.pem): { status: number | null; output: string } {
  const r = spawnSync(
    'openssl',
    [
      'verify',
      '-attime',
      String(WALL / 1000),
      '-CAfile',
      file('root.pem', root),
      '-untrusted',
      file('issuing.pem', pki.issuing.pem),
      file('leaf.pem', leafPem),
    ],
    { encoding: 'utf8' },
  );
  return { status: r.status, output: r.stdout + r.stderr };
}

describe('the organization CAs: short-lived and name-constrained', { timeout: 60_000 }, () => {
  it('the root lives from 7 days before the earlier clock to 180 days past the later; the issuing CA a day inside', () => {
    expect(new Date(pki.root.x509.validFrom).toISOString()).toBe('2026-11-29T00:00:00.000Z');
    expect(new Date(pki.root.x509.validTo).toISOString()).toBe('2030-11-02T08:00:00.000Z');
    expect(new Date(pki.issuing.x509.validFrom).toISOString()).toBe('2026-11-30T00:00:00.000Z');
    expect(new Date(pki.issuing.x509.validTo).toISOString()).toBe('2030-11-01T08:00:00.000Z');
    expect(new Date(pki.otherRoot.x509.validTo).toISOString()).toBe('2030-11-02T08:00:00.000Z');
  });

  it('with both clocks at one instant the root is valid for 187 days, not 30 years', () => {
    const same = new OrganizationPki(new VirtualClock(WALL), new IdGenerator('constraints'), {
      keySeed: 'seed:constraints',
      wallClock: () => WALL,
    });
    const days = (Date.parse(same.root.x509.validTo) - Date.parse(same.root.x509.validFrom)) / DAY;
    expect(days).toBe(187);
  });

  it.skipIf(!HAVE_OPENSSL).each([
    ['root', () => pki.root.pem],
    ['issuing CA', () => pki.issuing.pem],
    ['other root', () => pki.otherRoot.pem],
  ])('%s: openssl x509 -text shows critical name constraints permitting the domains and 127.0.0.0/8', (_n, pem) => {
    const r = spawnSync('openssl', ['x509', '-noout', '-text'], { input: pem(), encoding: 'utf8' });
    expect(r.status).toBe(0);
    const text = r.stdout.replace(/\s+/g, ' ');
    expect(text).toContain(
      'X509v3 Name Constraints: critical Permitted: DNS:example.test DNS:corp.test IP:127.0.0.0/255.0.0.0',
    );
  });

  it.skipIf(!HAVE_OPENSSL)(
    'openssl verify accepts a leaf inside the subtrees: a server, a wildcard, the domain itself',
    () => {
      for (const names of [['ex1.example.test'], ['*.corp.test', 'corp.test'], ['mail.example.test']]) {
        const r = opensslVerify(leaf(names, ['127.0.20.1']).pem);
        expect(r.output, names.join()).toContain(': OK');
        expect(r.status).toBe(0);
      }
    },
  );

  it.skipIf(!HAVE_OPENSSL).each([
    ['a DNS name in another domain', ['www.example.org'], ['127.0.20.1'], undefined],
    ['a name that only ends like the domain', ['ex1.notexample.test'], [], undefined],
    ['an IP address outside 127.0.0.0/8', ['ex1.example.test'], ['10.1.2.3'], undefined],
    ['no SAN and a subject CN in another domain', [], [], 'login.example.org'],
  ])(
    'openssl verify rejects a leaf the issuing CA signed with %s (permitted subtree violation)',
    (_what, dns, ips, cn) => {
      const r = opensslVerify(leaf(dns, ips, cn).pem);
      expect(r.output).toMatch(/error 47 at 0 depth lookup: permitted subtree violation/);
      expect(r.status).not.toBe(0);
    },
  );

  it.skipIf(!HAVE_OPENSSL)(
    'a restart with the same seed a month later: its chain verifies against the root imported before',
    () => {
      const later = pkiAt(SIM + 30 * DAY);
      const served = later.validServerCertificate({ fqdn: 'ex1.example.test', ip: '127.0.20.1' });
      const r = spawnSync(
        'openssl',
        [
          'verify',
          '-attime',
          String(WALL / 1000 + 30 * 86_400),
          '-CAfile',
          file('old-root.pem', pki.root.pem),
          '-untrusted',
          file('new-issuing.pem', later.issuing.pem),
          file('new-leaf.pem', served.leaf.pem),
        ],
        { encoding: 'utf8' },
      );
      expect(r.stdout + r.stderr).toContain(': OK');
      expect(r.status).toBe(0);
    },
  );
});
