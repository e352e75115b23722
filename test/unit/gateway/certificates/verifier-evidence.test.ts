import { describe, expect, it } from 'vitest';
import {
  type CertificatePolicy,
  DEFAULT_CERTIFICATE_POLICY,
} from '../../../../gateway/certificates/certificate-policy.ts';
import { verifyChain } from '../../../../gateway/certificates/chain-verifier.ts';
import { buildChain, type ChainCase, HOST, NOW } from '../../../support/verifier-pki.ts';

const year = (y: number, m = 0, d = 1) => new Date(Date.UTC(y, m, d));
const verify = (c: ChainCase, policy?: Partial<CertificatePolicy>, host = HOST) => {
  const { presented, trusted } = buildChain(c);
  return verifyChain({
    presented,
    trusted,
    host,
    now: NOW,
    policy: policy && { ...DEFAULT_CERTIFICATE_POLICY, ...policy },
  });
};

/**
 * The evidence an administrator reads (status area journal, Certificate Viewer): each rule names the certificate
 * and the reason, written out here by hand from the names and dates of test/support/verifier-pki.ts.
 */
describe('verifier evidence: the outcome and the detail of each rule', () => {
  it.each<[string, ChainCase, Partial<CertificatePolicy> | undefined, string, string]>([
    [
      'issuing CA not presented',
      { omitIssuing: true },
      undefined,
      'missing-issuer',
      'issuer "Verifier Test Issuing CA" of "ex1.example.test" was not presented and is not in cup-trust',
    ],
    [
      'root presented, not trusted',
      { presentRoot: true, trustRoot: false },
      undefined,
      'untrusted-root',
      'self-signed "Verifier Test Root CA" is not in cup-trust',
    ],
    [
      'forged leaf',
      { leaf: { forged: true } },
      undefined,
      'bad-signature',
      'bad signature: "ex1.example.test" does not verify with the key of the trusted "Verifier Test Issuing CA"',
    ],
    [
      'leaf signed with MD5',
      { leaf: { digest: 'md5' } },
      undefined,
      'unsupported-algorithm',
      'unsupported algorithm: "ex1.example.test" is signed with md5WithRSAEncryption',
    ],
    [
      'leaf with an RSA-512 key',
      { leaf: { key: 'rsa-512' } },
      undefined,
      'weak-key',
      'unsupported key: "ex1.example.test" has an RSA-512 key (minimum 1024)',
    ],
    [
      'leaf not yet valid',
      { leaf: { notBefore: year(2031), notAfter: year(2032) } },
      undefined,
      'validity',
      'validity: "ex1.example.test" is not valid before 2031-01-01T00:00:00.000Z',
    ],
    [
      'issuing CA expired',
      { issuing: { notBefore: year(2029), notAfter: year(2030, 1) } },
      undefined,
      'validity',
      'validity: "Verifier Test Issuing CA" expired on 2030-02-01T00:00:00.000Z',
    ],
    [
      'client-only EKU as a certificate defect',
      { leaf: { extKeyUsage: 'clientAuth' } },
      { serverAuthEku: 'bad-certificate' },
      'server-auth-eku',
      'unsupported certificate: "ex1.example.test" is not for server authentication (EKU 1.3.6.1.5.5.7.3.2)',
    ],
    [
      'client-only EKU as a purpose',
      { leaf: { extKeyUsage: 'clientAuth' } },
      undefined,
      'purpose',
      'unsuitable certificate purpose: "ex1.example.test" is not for server authentication (EKU 1.3.6.1.5.5.7.3.2)',
    ],
    [
      'no DNS SAN, CN of another host',
      { leaf: { subjectCN: 'other.example.test', dnsNames: [] } },
      undefined,
      'cn-mismatch',
      '"ex1.example.test" does not match the Subject CN "other.example.test" (no DNS SANs)',
    ],
    [
      'DNS SANs of other hosts',
      { leaf: { dnsNames: ['other.example.test', 'third.example.test'] } },
      undefined,
      'san-mismatch',
      '"ex1.example.test" matches none of the SANs: DNS:other.example.test, DNS:third.example.test',
    ],
  ])('%s', (_name, chain, policy, outcome, detail) => {
    const v = verify(chain, policy);
    expect([v.outcome, v.detail]).toEqual([outcome, detail]);
  });

  it('a client-only EKU is not looked at when the policy says ignore', () => {
    expect(verify({ leaf: { extKeyUsage: 'clientAuth' } }, { serverAuthEku: 'ignore' }).outcome).toBe('verified');
  });

  it('a sound chain is verified to its trusted root for the configured host', () => {
    const v = verify({});
    expect([v.outcome, v.detail, v.warnings]).toEqual([
      'verified',
      'chain to trusted "Verifier Test Root CA" verified for ex1.example.test',
      [],
    ]);
  });

  it('no certificate at all is its own outcome', () => {
    expect(verifyChain({ presented: [], trusted: [], host: HOST, now: NOW })).toEqual({
      outcome: 'no-certificate',
      detail: 'Exchange presented no certificate',
      warnings: [],
      rows: [],
    });
  });
});

describe('Certificate Viewer rows', () => {
  it('a sound chain: every field of every row, the root from cup-trust', () => {
    const rows = verify({}).rows;
    expect(rows.map(({ fingerprint, ...r }) => r)).toEqual([
      {
        subject: 'CN=ex1.example.test',
        issuer: 'CN=Verifier Test Issuing CA',
        subjectCN: 'ex1.example.test',
        issuerCN: 'Verifier Test Issuing CA',
        serial: '03',
        validFrom: '2030-01-01T00:00:00.000Z',
        validTo: '2031-01-01T00:00:00.000Z',
        signatureAlgorithm: 'sha256WithRSAEncryption',
        status: 'Verified',
        presented: true,
        trusted: false,
      },
      {
        subject: 'CN=Verifier Test Issuing CA',
        issuer: 'CN=Verifier Test Root CA',
        subjectCN: 'Verifier Test Issuing CA',
        issuerCN: 'Verifier Test Root CA',
        serial: '02',
        validFrom: '2029-01-01T00:00:00.000Z',
        validTo: '2035-01-01T00:00:00.000Z',
        signatureAlgorithm: 'sha256WithRSAEncryption',
        status: 'Verified',
        presented: true,
        trusted: false,
      },
      {
        subject: 'CN=Verifier Test Root CA',
        issuer: 'CN=Verifier Test Root CA',
        subjectCN: 'Verifier Test Root CA',
        issuerCN: 'Verifier Test Root CA',
        serial: '01',
        validFrom: '2029-01-01T00:00:00.000Z',
        validTo: '2039-01-01T00:00:00.000Z',
        signatureAlgorithm: 'sha256WithRSAEncryption',
        status: 'Verified',
        presented: false,
        trusted: true,
      },
    ]);
    expect(rows.every((r) => /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/.test(r.fingerprint ?? ''))).toBe(true);
  });

  it('a missing issuer is a row of its own, named by its DN and nothing else', () => {
    const rows = verify({ omitIssuing: true }).rows;
    expect(rows.map((r) => [r.subjectCN, r.status])).toEqual([
      ['ex1.example.test', 'Untrusted'],
      ['Verifier Test Issuing CA', 'Missing'],
    ]);
    expect(rows[1]).toEqual({
      subject: 'CN=Verifier Test Issuing CA',
      issuer: '',
      subjectCN: 'Verifier Test Issuing CA',
      issuerCN: '',
      status: 'Missing',
      presented: false,
      trusted: false,
    });
  });

  it('an expired certificate reads Expired, the others of the path Verified', () => {
    const rows = verify({ issuing: { notBefore: year(2029), notAfter: year(2030, 1) } }).rows;
    expect(rows.map((r) => r.status)).toEqual(['Verified', 'Expired', 'Verified']);
  });
});
