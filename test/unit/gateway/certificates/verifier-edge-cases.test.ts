import { describe, expect, it } from 'vitest';
import {
  type CertificatePolicy,
  DEFAULT_CERTIFICATE_POLICY,
} from '../../../../gateway/certificates/certificate-policy.ts';
import { verifyChain } from '../../../../gateway/certificates/chain-verifier.ts';
import { buildChain, type ChainCase, HOST, NOW } from '../../../support/verifier-pki.ts';

const verify = (c: ChainCase, policy?: Partial<CertificatePolicy>, jdkRootIsOwn = false) => {
  const { presented, trusted } = buildChain(c);
  return verifyChain({
    presented,
    trusted,
    host: HOST,
    now: NOW,
    policy: policy && { ...DEFAULT_CERTIFICATE_POLICY, ...policy },
    ...(jdkRootIsOwn ? { jdkRoots: trusted } : {}),
  });
};

describe('verifier edge cases, each settled by a source outside the code', () => {
  it('refusing SHA-1 refuses nothing else: a SHA-256 chain verifies, to a private root or to a JDK root', () => {
    expect(verify({}, { acceptSha1: false }).outcome).toBe('verified');
    expect(verify({}, { sha1RefusedForJdkRoots: true }, true).outcome).toBe('verified');
  });

  it('a window that ends before it starts, read at its notBefore: expired, as Java checks notBefore then notAfter', () => {
    // java.security.cert.X509Certificate.checkValidity(date): NotYetValid only if notBefore is after date, then
    // Expired if notAfter is before date; at notBefore itself the first test passes and the second fails.
    const v = verify({ leaf: { notBefore: new Date(NOW), notAfter: new Date(Date.UTC(2030, 0, 1)) } });
    expect([v.outcome, v.detail]).toEqual([
      'validity',
      'validity: "ex1.example.test" expired on 2030-01-01T00:00:00.000Z',
    ]);
  });

  it('a leaf with two EKUs, neither serverAuth, lists both OIDs (RFC 5280 §4.2.1.12: clientAuth, emailProtection)', () => {
    const v = verify({ leaf: { extKeyUsage: ['clientAuth', 'emailProtection'] } });
    expect(v.detail).toBe(
      'unsuitable certificate purpose: "ex1.example.test" is not for server authentication (EKU 1.3.6.1.5.5.7.3.2, 1.3.6.1.5.5.7.3.4)',
    );
  });
});
