import { describe, expect, it } from 'vitest';
import {
  type CertificatePolicy,
  DEFAULT_CERTIFICATE_POLICY,
} from '../../../../gateway/certificates/certificate-policy.ts';
import { verifyChain } from '../../../../gateway/certificates/chain-verifier.ts';
import { buildChain, type ChainCase, HOST, NOW } from '../../../support/verifier-pki.ts';

/** Where each rule's condition turns: exact instants, IP hosts, the trust anchor's own signature. */
interface Options {
  policy?: Partial<CertificatePolicy>;
  host?: string;
  now?: number;
  /** Roots bundled with the JDK: the chain's own root, another root, or both. */
  jdkRoots?: 'own' | 'other' | 'both';
}
/** A root that is no part of any chain built here. */
const OTHER_ROOT = buildChain({ root: { subjectCN: 'Some JDK Root CA' } }).trusted[0]!;
const verify = (c: ChainCase, options: Options = {}) => {
  const { presented, trusted } = buildChain(c);
  const own = trusted.slice(0, 1);
  const jdk = { own, other: [OTHER_ROOT], both: [OTHER_ROOT, ...own] };
  return verifyChain({
    presented,
    trusted,
    host: options.host ?? HOST,
    now: options.now ?? NOW,
    policy: options.policy && { ...DEFAULT_CERTIFICATE_POLICY, ...options.policy },
    ...(options.jdkRoots ? { jdkRoots: jdk[options.jdkRoots] } : {}),
  });
};
const at = (iso: string) => Date.parse(iso);

describe('validity dates are inclusive at both ends (RFC 5280 §4.1.2.5: "from notBefore through notAfter, inclusive")', () => {
  // The leaf of test/support/verifier-pki.ts: 2030-01-01T00:00:00Z through 2031-01-01T00:00:00Z.
  it.each([
    ['at notBefore exactly', '2030-01-01T00:00:00.000Z', 'verified'],
    ['one millisecond before notBefore', '2029-12-31T23:59:59.999Z', 'validity'],
    ['at notAfter exactly', '2031-01-01T00:00:00.000Z', 'verified'],
    ['one millisecond after notAfter', '2031-01-01T00:00:00.001Z', 'validity'],
  ])('%s: %s', (_what, now, outcome) => {
    expect(verify({}, { now: at(now) }).outcome).toBe(outcome);
  });

  it('a leaf read before its window says "not valid before", after it "expired on", each with its date', () => {
    expect(verify({}, { now: at('2029-12-31T23:59:59.999Z') }).detail).toBe(
      'validity: "ex1.example.test" is not valid before 2030-01-01T00:00:00.000Z',
    );
    expect(verify({}, { now: at('2031-01-01T00:00:00.001Z') }).detail).toBe(
      'validity: "ex1.example.test" expired on 2031-01-01T00:00:00.000Z',
    );
  });

  it('the leaf is named first when the leaf and the issuing CA are both outside their dates', () => {
    const v = verify({
      leaf: { notBefore: new Date(at('2028-01-01T00:00:00Z')), notAfter: new Date(at('2029-01-01T00:00:00Z')) },
      issuing: { notBefore: new Date(at('2029-01-01T00:00:00Z')), notAfter: new Date(at('2030-02-01T00:00:00Z')) },
    });
    expect(v.detail).toBe('validity: "ex1.example.test" expired on 2029-01-01T00:00:00.000Z');
    expect(v.rows.map((r) => r.status)).toEqual(['Expired', 'Expired', 'Verified']);
  });

  it('the trusted root out of its dates fails the path too: Bad Certificates names the root', () => {
    const v = verify({ root: { notAfter: new Date(at('2030-03-01T00:00:00Z')) } });
    expect([v.outcome, v.detail]).toEqual([
      'validity',
      'validity: "Verifier Test Root CA" expired on 2030-03-01T00:00:00.000Z',
    ]);
  });
});

describe('host identity when the Presence Gateway value is an IP address (DESIGN §3 rule 5: IPs only against IP SANs)', () => {
  const IP = '127.0.20.1';

  it('an IP SAN equal to the address verifies', () => {
    expect(verify({ leaf: { ipAddresses: [IP] } }, { host: IP }).outcome).toBe('verified');
  });

  it('DNS SANs only: the address is judged against the SANs, so SAN Mismatch', () => {
    const v = verify({}, { host: IP });
    expect([v.outcome, v.detail]).toEqual(['san-mismatch', `"${IP}" matches none of the SANs: DNS:${HOST}`]);
  });

  it('an IP SAN of another address, no DNS SAN: still SAN Mismatch (there were SANs to compare)', () => {
    const v = verify({ leaf: { dnsNames: [], ipAddresses: ['127.0.20.2'] } }, { host: IP });
    expect([v.outcome, v.detail]).toEqual(['san-mismatch', `"${IP}" matches none of the SANs: IP Address:127.0.20.2`]);
  });

  it('no SAN at all and the address as CN: Subject CN Mismatch (a CN never vouches for an address)', () => {
    const v = verify({ leaf: { subjectCN: IP, dnsNames: [] } }, { host: IP });
    expect([v.outcome, v.detail]).toEqual([
      'cn-mismatch',
      `"${IP}" does not match the Subject CN "${IP}" (no DNS SANs)`,
    ]);
  });

  it('a name host with only an IP SAN: the CN decides (no DNS SAN), and a matching CN verifies', () => {
    expect(verify({ leaf: { dnsNames: [], ipAddresses: [IP] } }).outcome).toBe('verified');
    const v = verify({ leaf: { subjectCN: 'other.example.test', dnsNames: [], ipAddresses: [IP] } });
    expect(v.outcome).toBe('cn-mismatch');
  });
});

describe("algorithms: the trust anchor's own signature is not judged (RFC 5280 §6.1: the anchor is an input)", () => {
  it('a trusted root self-signed with MD5 still anchors a SHA-256 chain', () => {
    const v = verify({ root: { digest: 'md5' } });
    expect([v.outcome, v.warnings]).toEqual(['verified', []]);
  });

  it('a trusted root self-signed with SHA-1 adds no SHA-1 warning; a SHA-1 issuing CA does', () => {
    expect(verify({ root: { digest: 'sha1' } }).warnings).toEqual([]);
    expect(verify({ issuing: { digest: 'sha1' } }).warnings).toEqual([
      '"Verifier Test Issuing CA" is signed with SHA-1 (accepted by policy)',
    ]);
  });

  it('the same MD5 root presented but not trusted: rule 3 (untrusted root) fires before its algorithm is looked at', () => {
    // Untrusted, so rule 3 fires first; the MD5 root never reaches rule 4.
    expect(verify({ root: { digest: 'md5' }, presentRoot: true, trustRoot: false }).outcome).toBe('untrusted-root');
  });

  it('an MD5-signed issuing CA under the trusted root is refused, named as the issuing CA', () => {
    const v = verify({ issuing: { digest: 'md5' } });
    expect([v.outcome, v.detail]).toEqual([
      'unsupported-algorithm',
      'unsupported algorithm: "Verifier Test Issuing CA" is signed with md5WithRSAEncryption',
    ]);
  });

  it.each(['own', 'both'] as const)(
    'SHA-1 in a chain to a root bundled with the JDK (jdkRoots: %s) is refused when the policy says so (jdkCA & usage TLSServer)',
    (jdkRoots) => {
      const v = verify({ leaf: { digest: 'sha1' } }, { policy: { sha1RefusedForJdkRoots: true }, jdkRoots });
      expect([v.outcome, v.detail]).toEqual([
        'unsupported-algorithm',
        'unsupported algorithm: "ex1.example.test" is signed with sha1WithRSAEncryption in a chain to a root bundled with the JDK',
      ]);
    },
  );

  it('SHA-1 to a private root is accepted with its warning, though the JDK bundles other roots and the policy refuses SHA-1 for them', () => {
    const v = verify({ leaf: { digest: 'sha1' } }, { policy: { sha1RefusedForJdkRoots: true }, jdkRoots: 'other' });
    expect([v.outcome, v.warnings]).toEqual([
      'verified',
      ['"ex1.example.test" is signed with SHA-1 (accepted by policy)'],
    ]);
  });

  it('SHA-1 to a JDK root is accepted when the policy does not single those roots out', () => {
    expect(verify({ leaf: { digest: 'sha1' } }, { jdkRoots: 'own' }).outcome).toBe('verified');
    expect(
      verify({ leaf: { digest: 'sha1' } }, { policy: { sha1RefusedForJdkRoots: false }, jdkRoots: 'own' }).outcome,
    ).toBe('verified');
  });

  it('an MD5 leaf to a JDK root is refused for MD5, without the JDK wording (that belongs to SHA-1)', () => {
    const v = verify({ leaf: { digest: 'md5' } }, { policy: { sha1RefusedForJdkRoots: true }, jdkRoots: 'own' });
    expect(v.detail).toBe('unsupported algorithm: "ex1.example.test" is signed with md5WithRSAEncryption');
  });

  it('a leaf trusted as its own anchor is not judged by its signature or key: Java 17 trusts it (checkServerTrusted, measured)', () => {
    // Measured: a self-signed MD5, SHA-1 or RSA-512 certificate in a PKCS12 trust store passes
    // X509TrustManager.checkServerTrusted on OpenJDK 17.0.15.
    const anchored = (leaf: ChainCase['leaf']) =>
      verify({ leaf, omitIssuing: true, trustRoot: false, trustLeaf: true }, { policy: { trustedLeafAnchors: true } });
    expect(anchored({ digest: 'md5' }).outcome).toBe('verified');
    expect(anchored({ key: 'rsa-512' }).outcome).toBe('verified');
    expect(anchored({ digest: 'sha1' }).warnings).toEqual([]);
  });

  it('SHA-1 refused outright names no JDK root', () => {
    const v = verify({ leaf: { digest: 'sha1' } }, { policy: { acceptSha1: false } });
    expect(v.detail).toBe('unsupported algorithm: "ex1.example.test" is signed with sha1WithRSAEncryption');
  });

  it('RSA keys: 1024 bits meet a 1024-bit minimum exactly, 512 bits do not', () => {
    expect(verify({ leaf: { key: 'rsa-1024' } }, { policy: { minRsaBits: 1024 } }).outcome).toBe('verified');
    expect(verify({ leaf: { key: 'rsa-1024' } }, { policy: { minRsaBits: 1025 } }).outcome).toBe('weak-key');
  });
});

describe('extended key usage (RFC 5280 §4.2.1.12: without the extension a certificate serves any purpose)', () => {
  it.each(['purpose', 'bad-certificate', 'ignore'] as const)(
    'a leaf without EKU verifies under serverAuthEku %s',
    (as) => {
      expect(verify({ leaf: { extKeyUsage: 'none' } }, { policy: { serverAuthEku: as } }).outcome).toBe('verified');
    },
  );

  it('as a purpose failure the EKU is judged after host identity: a client-only leaf for another host reads SAN Mismatch', () => {
    expect(verify({ leaf: { extKeyUsage: 'clientAuth', dnsNames: ['other.example.test'] } }).outcome).toBe(
      'san-mismatch',
    );
  });
});
