import { X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_CERTIFICATE_POLICY } from '../../../../gateway/certificates/certificate-policy.ts';
import { type CheckContext, probeAndVerify } from '../../../../gateway/certificates/probe-and-verify.ts';
import { labNetwork } from '../../../../gateway/network/gateway-network.ts';
import { releaseProfile } from '../../../../gateway/releases/release-profiles.ts';
import type { MockExchange } from '../../../../mock-exchange/mock-exchange.ts';
import { VirtualClock } from '../../../../sim/clock.ts';
import { startMock } from '../../../support/mock-server.ts';
import { TEST_START, testOrgConfig } from '../../../support/test-org.ts';

/** The policy's TLS versions reach the handshake: what a release profile sets is what goes on the wire. */
describe('probe-and-verify under a certificate policy', () => {
  let mock: MockExchange;
  let clock: VirtualClock;
  const target = () => ({ host: 'ex1.example.test', port: mock.org.server('ex1')!.port });
  const ctx = (policy = DEFAULT_CERTIFICATE_POLICY): CheckContext => ({
    network: labNetwork(mock.hosts),
    clock,
    timeoutMs: 3000,
    trusted: [new X509Certificate(mock.pki.root.pem)],
    policy,
  });

  beforeAll(async () => {
    clock = new VirtualClock(TEST_START);
    mock = await startMock(testOrgConfig(), clock);
  });
  afterAll(async () => {
    await mock.stop();
  });
  beforeEach(async () => {
    await mock.reset();
  });

  it('default policy: TLS 1.3 with the valid profile, Verified, the chain as presented', async () => {
    const check = await probeAndVerify(target(), ctx());
    expect([check.outcome, check.protocol, check.presented.length]).toEqual(['verified', 'TLSv1.3', 2]);
  });

  it('a policy capped at TLS 1.2 negotiates TLS 1.2', async () => {
    const capped = { ...DEFAULT_CERTIFICATE_POLICY, tlsVersions: { min: 'TLSv1.2', max: 'TLSv1.2' } as const };
    const check = await probeAndVerify(target(), ctx(capped));
    expect([check.outcome, check.protocol]).toEqual(['verified', 'TLSv1.2']);
  });

  it('a TLS 1.0-only server fails the handshake under the default policy (rule 2), with the error as evidence', async () => {
    await mock.setCertificateProfile('ex1', 'tls-1.0-only');
    const check = await probeAndVerify(target(), ctx());
    expect(check.outcome).toBe('handshake');
    expect(check.error?.code).toMatch(/^ERR_SSL_|^EPROTO$/);
    expect(check.presented).toEqual([]);
  });

  it.each(['8.5(1)', '9.1', '12.5'])(
    'release %s: its Java still speaks TLS 1.0, so a TLS 1.0-only server with a valid chain is Verified',
    async (release) => {
      await mock.setCertificateProfile('ex1', 'tls-1.0-only');
      const check = await probeAndVerify(target(), ctx(releaseProfile(release).certificatePolicy));
      expect([check.outcome, check.protocol]).toEqual(['verified', 'TLSv1']);
    },
  );

  it.each(['14', '15'])('release %s: its Java refuses TLS 1.0, the handshake fails (rule 2)', async (release) => {
    await mock.setCertificateProfile('ex1', 'tls-1.0-only');
    const check = await probeAndVerify(target(), ctx(releaseProfile(release).certificatePolicy));
    expect([check.outcome, check.presented]).toEqual(['handshake', []]);
  });

  it('release 12.5 against a current server: TLS 1.2 is the most its Java offers', async () => {
    await mock.setCertificateProfile('ex1', 'valid');
    const check = await probeAndVerify(target(), ctx(releaseProfile('12.5').certificatePolicy));
    expect([check.outcome, check.protocol]).toEqual(['verified', 'TLSv1.2']);
  });
});
