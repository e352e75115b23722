import { createHash, createPublicKey, type KeyObject } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import type { IssuedCertificate } from '../../../../mock-exchange/certs/pki.ts';
import { VirtualClock } from '../../../../sim/clock.ts';
import { IdGenerator } from '../../../../sim/ids.ts';

/** The labels of the CA keys derived, in order (seededRsaKey wrapped; it still derives). */
const derived = vi.hoisted(() => [] as string[]);
vi.mock('../../../../mock-exchange/certs/seeded-rsa-key.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../../mock-exchange/certs/seeded-rsa-key.ts')>();
  return {
    ...real,
    seededRsaKey: (seed: string, label: string, bits?: number) => {
      derived.push(label);
      return real.seededRsaKey(seed, label, bits);
    },
  };
});

const { OrganizationPki } = await import('../../../../mock-exchange/certs/organization-pki.ts');

const SIM = Date.UTC(2030, 4, 6, 8, 0, 0);
const WALL = Date.UTC(2026, 11, 6, 0, 0, 0);
const SERVER = { fqdn: 'ex1.example.test', ip: '127.0.10.1' };

const spki = (key: KeyObject) =>
  createHash('sha256')
    .update(createPublicKey(key).export({ type: 'spki', format: 'der' }))
    .digest('hex');
const facts = (c: IssuedCertificate) => ({
  pem: c.pem,
  key: spki(c.key),
});

// Each seed costs up to four RSA key derivations (about 0.1 s each idle, several times that on a loaded machine).
describe('the other root and the impostor CA are issued on first use', { timeout: 60_000 }, () => {
  it('a PKI derives the root and issuing keys only, until a profile asks for the other two', () => {
    derived.length = 0;
    const pki = new OrganizationPki(new VirtualClock(SIM), new IdGenerator('lazy'), {
      keySeed: 'seed:lazy-a',
      wallClock: () => WALL,
    });
    pki.validServerCertificate(SERVER);
    expect(derived).toEqual(['root', 'issuing']);
    expect(pki.impostor.forgeCert.subject.getField('CN').value).toBe('pgsim Lab Issuing CA');
    expect(derived).toEqual(['root', 'issuing', 'impostor', 'other-root']);
    // Kept: asking again issues nothing more.
    expect(pki.otherRoot).toBe(pki.otherRoot);
    expect(pki.impostor).toBe(pki.impostor);
    expect(derived).toHaveLength(4);
  });

  it('whenever it is first asked for, a CA is the certificate it would have been at the start, and later serials do not move', () => {
    const make = (clock: VirtualClock) =>
      new OrganizationPki(clock, new IdGenerator('lazy'), { keySeed: 'seed:lazy-b', wallClock: () => WALL });
    const early = make(new VirtualClock(SIM));
    const earlyOther = facts(early.otherRoot);
    const earlyImpostor = facts(early.impostor);
    const earlyLeaf = early.serverCertificate(SERVER);

    // Asked for a year of virtual time later, after a server certificate was issued.
    const clock = new VirtualClock(SIM);
    const late = make(clock);
    const lateLeaf = late.serverCertificate(SERVER);
    clock.advance(365 * 86_400_000);
    expect(facts(late.otherRoot)).toEqual(earlyOther);
    expect(facts(late.impostor)).toEqual(earlyImpostor);
    expect(lateLeaf.forgeCert.serialNumber).toBe(earlyLeaf.forgeCert.serialNumber);
    // The impostor has the issuing CA's name and another key, and is signed by the other root.
    expect(late.impostor.forgeCert.subject.hash).toBe(late.issuing.forgeCert.subject.hash);
    expect(spki(late.impostor.key)).not.toBe(spki(late.issuing.key));
    expect(late.impostor.x509.checkIssued(late.otherRoot.x509)).toBe(true);
    expect(late.impostor.x509.verify(late.otherRoot.x509.publicKey)).toBe(true);
  });
});
