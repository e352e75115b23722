import { describe, expect, it } from 'vitest';
import {
  type CertificatePolicy,
  DEFAULT_CERTIFICATE_POLICY,
} from '../../../../gateway/certificates/certificate-policy.ts';
import { verifyChain } from '../../../../gateway/certificates/chain-verifier.ts';
import { sslLabel } from '../../../../gateway/status/ssl-label-table.ts';
import { buildChain, type ChainCase, HOST, NOW } from '../../../support/verifier-pki.ts';

const judge = (c: ChainCase, policy?: Partial<CertificatePolicy>) => {
  const { presented, trusted } = buildChain(c);
  const verdict = verifyChain({
    presented,
    trusted,
    host: HOST,
    now: NOW,
    policy: policy && { ...DEFAULT_CERTIFICATE_POLICY, ...policy },
  });
  return { ...verdict, label: sslLabel(verdict.outcome) };
};

describe('certificate policy is data: each field changes the verdict it names', () => {
  it('the default is the node as shipped: TLS 1.2-1.3, MD2/MD4/MD5 refused, RSA >= 1024, SHA-1 accepted', () => {
    expect(DEFAULT_CERTIFICATE_POLICY).toEqual({
      tlsVersions: { min: 'TLSv1.2', max: 'TLSv1.3' },
      rejectedDigests: ['md2', 'md4', 'md5'],
      minRsaBits: 1024,
      acceptSha1: true,
      serverAuthEku: 'purpose',
      trustedLeafAnchors: false,
    });
    expect(Object.isFrozen(DEFAULT_CERTIFICATE_POLICY)).toBe(true);
  });

  it('SHA-1 from a private CA: accepted with a warning by default, Bad Certificates when refused', () => {
    const accepted = judge({ leaf: { digest: 'sha1' } });
    expect(accepted.label).toBe('Verified');
    expect(accepted.warnings).toEqual([`"${HOST}" is signed with SHA-1 (accepted by policy)`]);
    expect(judge({ leaf: { digest: 'sha1' } }, { acceptSha1: false }).label).toBe('Failed - Bad Certificates');
  });

  it('RSA-1024 passes the default minimum and fails a 2048-bit minimum', () => {
    expect(judge({ leaf: { key: 'rsa-1024' } }).label).toBe('Verified');
    const strict = judge({ leaf: { key: 'rsa-1024' } }, { minRsaBits: 2048 });
    expect([strict.label, strict.detail]).toEqual([
      'Failed - Bad Certificates',
      `unsupported key: "${HOST}" has an RSA-1024 key (minimum 2048)`,
    ]);
  });

  it('rejected digests are a list: SHA-256 refused when a profile lists it', () => {
    expect(judge({}, { rejectedDigests: ['md5', 'sha256'] }).label).toBe('Failed - Bad Certificates');
  });

  it('a trusted leaf whose issuer is missing: Missing From Chain by default, anchors itself when the policy says so', () => {
    const c: ChainCase = { omitIssuing: true, trustRoot: false, trustLeaf: true };
    expect(judge(c).label).toBe('Failed - Certificate Missing From Chain');
    expect(judge(c, { trustedLeafAnchors: true }).label).toBe('Verified');
  });

  it('a leaf EKU without serverAuth: Failed (default), Bad Certificates (JSSE), not looked at (ignore)', () => {
    const c: ChainCase = { leaf: { extKeyUsage: 'clientAuth' } };
    expect(judge(c).label).toBe('Failed');
    expect(judge(c, { serverAuthEku: 'bad-certificate' }).label).toBe('Failed - Bad Certificates');
    expect(judge(c, { serverAuthEku: 'ignore' }).label).toBe('Verified');
  });
});

describe('viewer rows from the verifier', () => {
  it('a missing issuing CA: the leaf Untrusted, then a Missing row named by the issuer DN', () => {
    const v = judge({ omitIssuing: true });
    expect(v.rows.map((r) => [r.subjectCN, r.status, r.presented, r.trusted])).toEqual([
      [HOST, 'Untrusted', true, false],
      ['Verifier Test Issuing CA', 'Missing', false, false],
    ]);
  });

  it('a forged leaf under an untrusted root: Missing From Chain, the leaf row still says Bad signature', () => {
    const v = judge({ leaf: { forged: true }, presentRoot: true, trustRoot: false });
    expect(v.label).toBe('Failed - Certificate Missing From Chain');
    expect(v.rows.map((r) => r.status)).toEqual(['Bad signature', 'Untrusted', 'Untrusted']);
  });
});
