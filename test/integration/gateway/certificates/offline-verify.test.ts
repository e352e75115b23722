import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyExportedChain } from '../../../../gateway/certificates/offline-verify.ts';
import { ImpNode } from '../../../../gateway/imp-node.ts';
import { labNetwork } from '../../../../gateway/network/gateway-network.ts';
import { PROFILE_NAMES } from '../../../../mock-exchange/certs/profiles/index.ts';
import type { MockExchange } from '../../../../mock-exchange/mock-exchange.ts';
import { VirtualClock } from '../../../../sim/clock.ts';
import { startMock } from '../../../support/mock-server.ts';
import { TEST_START, testOrgConfig } from '../../../support/test-org.ts';

const HOST = 'ex1.example.test';

/**
 * The row each certificate profile gives a node trusting the organization's root, as the chapter names the
 * labels and DESIGN §5 names the profiles (by what is wrong), under the newest release: fixed here, not read from the profiles.
 */
const EXPECTED: Record<string, string> = {
  valid: 'Verified',
  'exchange-self-signed': 'Failed - Certificate Missing From Chain',
  'missing-intermediate': 'Failed - Certificate Missing From Chain',
  'untrusted-root': 'Failed - Certificate Missing From Chain',
  'cn-mismatch': 'Failed - Subject CN Mismatch',
  'san-mismatch': 'Failed - SAN Mismatch',
  wildcard: 'Verified',
  'bad-signature': 'Failed - Bad Certificates',
  md5: 'Failed - Bad Certificates',
  sha1: 'Verified',
  'rsa-512': 'Failed - Bad Certificates',
  expired: 'Failed - Bad Certificates',
  'not-yet-valid': 'Failed - Bad Certificates',
  // Every release runs Java's checks: catalog case ssl-bad-certificates-client-auth-eku.
  'client-auth-only': 'Failed - Bad Certificates',
};

describe('pgsim verify: an exported chain judged offline gives the live status row', () => {
  let mock: MockExchange;
  let clock: VirtualClock;
  let node: ImpNode;

  beforeAll(async () => {
    clock = new VirtualClock(TEST_START);
    mock = await startMock(testOrgConfig(), clock);
    node = new ImpNode({ notificationPort: 0, dataDir: ':memory:', clock, network: labNetwork(mock.hosts) });
    node.uploadTrust('cup-trust', 'root.pem', mock.pki.root.pem);
    node.addGateway({ host: HOST, port: mock.org.server('ex1')!.port });
  });
  afterAll(async () => {
    await node.close();
    await mock.stop();
  });

  /** What the customer exports: the chain as served, one PEM file, leaf first. */
  const exported = async () => ({
    name: 'exported.pem',
    data: (await mock.certificates.served('ex1')).chainPem.join(''),
  });
  const offline = async (trust: string[]) =>
    verifyExportedChain({
      chain: await exported(),
      trust: trust.map((pem, i) => ({ name: `trust-${i}.pem`, data: pem })),
      host: HOST,
      at: clock.now(),
    });

  it('covers every profile but the two that need a handshake or an older trust store', () => {
    expect([...PROFILE_NAMES].sort()).toEqual([...Object.keys(EXPECTED), 'regenerated', 'tls-1.0-only'].sort());
  });

  it.each(Object.entries(EXPECTED))('profile %s: offline and live both give %s', async (name, label) => {
    await mock.setCertificateProfile('ex1', name);
    const live = (await node.status()).rows[0]!;
    const judged = await offline([mock.pki.root.pem]);
    expect(live.ssl).toBe(label);
    expect(judged.ssl).toBe(label);
    expect(judged.evidence.rule).toBe(live.evidence.rule);
    expect(judged.evidence.chain.map((r) => [r.subjectCN, r.status])).toEqual(
      live.evidence.chain.map((r) => [r.subjectCN, r.status]),
    );
  });

  it('regenerated: cup-trust holds the old self-signed certificate, offline and live say Bad Certificates', async () => {
    await mock.setCertificateProfile('ex1', 'exchange-self-signed');
    const original = (await mock.certificates.served('ex1')).chainPem[0]!;
    await mock.setCertificateProfile('ex1', 'regenerated');
    const judged = await offline([original]);
    expect(judged.ssl).toBe('Failed - Bad Certificates');
    expect(judged.evidence.detail).toMatch(/^bad signature/);
  });

  it('tls-1.0-only: the chain itself is sound; offline says Verified and that protocol versions were not judged', async () => {
    await mock.setCertificateProfile('ex1', 'tls-1.0-only');
    expect((await node.status()).rows[0]!.ssl).toBe('Failed');
    const judged = await offline([mock.pki.root.pem]);
    expect(judged.ssl).toBe('Verified');
    expect(judged.notJudged.join(' ')).toMatch(/TLS protocol versions/);
  });

  it('leaf without its issuing CA, root trusted: Missing From Chain naming the issuer; with the issuing CA added: Verified', async () => {
    await mock.setCertificateProfile('ex1', 'valid');
    const served = await mock.certificates.served('ex1');
    const leafOnly = { name: 'leaf.pem', data: served.chainPem[0]! };
    const trust = [{ name: 'root.pem', data: mock.pki.root.pem }];
    const missing = verifyExportedChain({ chain: leafOnly, trust, host: HOST, at: clock.now() });
    expect(missing.ssl).toBe('Failed - Certificate Missing From Chain');
    expect(missing.evidence.rule).toBe('missing-issuer');
    expect(missing.evidence.chain.at(-1)).toMatchObject({ subjectCN: 'pgsim Lab Issuing CA', status: 'Missing' });

    const whole = { name: 'chain.pem', data: served.chainPem[0]! + mock.pki.issuing.pem };
    expect(verifyExportedChain({ chain: whole, trust, host: HOST, at: clock.now() }).ssl).toBe('Verified');
  });
});
