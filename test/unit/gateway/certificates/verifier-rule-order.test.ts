import { describe, expect, it } from 'vitest';
import {
  type CertificatePolicy,
  DEFAULT_CERTIFICATE_POLICY,
} from '../../../../gateway/certificates/certificate-policy.ts';
import { verifyChain } from '../../../../gateway/certificates/chain-verifier.ts';
import { sslLabel } from '../../../../gateway/status/ssl-label-table.ts';
import type { SslLabel } from '../../../../gateway/status/status-labels.ts';
import { buildChain, type ChainCase, HOST, NOW } from '../../../support/verifier-pki.ts';

/**
 * DESIGN §3, "first match wins": rule 3 (an issuer neither presented nor trusted), rule 4 (signature,
 * algorithm or key, validity), rule 5 (host identity). Each defect below is named with the rule and the
 * label DESIGN gives it; a certificate with two defects must read the label of the earlier rule.
 */
interface Defect {
  rule: number;
  label: SslLabel;
  chain: ChainCase;
}

const year = (y: number, m = 0, d = 1) => new Date(Date.UTC(y, m, d));

const DESIGN_DEFECTS: Record<string, Defect> = {
  'issuing CA not presented': {
    rule: 3,
    label: 'Failed - Certificate Missing From Chain',
    chain: { omitIssuing: true },
  },
  'root presented but not in cup-trust': {
    rule: 3,
    label: 'Failed - Certificate Missing From Chain',
    chain: { presentRoot: true, trustRoot: false },
  },
  'leaf signature does not verify': { rule: 4, label: 'Failed - Bad Certificates', chain: { leaf: { forged: true } } },
  'leaf signed with MD5': { rule: 4, label: 'Failed - Bad Certificates', chain: { leaf: { digest: 'md5' } } },
  'leaf holds an RSA-512 key': { rule: 4, label: 'Failed - Bad Certificates', chain: { leaf: { key: 'rsa-512' } } },
  'leaf expired': {
    rule: 4,
    label: 'Failed - Bad Certificates',
    chain: { leaf: { notBefore: year(2028), notAfter: year(2029) } },
  },
  'leaf not yet valid': {
    rule: 4,
    label: 'Failed - Bad Certificates',
    chain: { leaf: { notBefore: year(2031), notAfter: year(2032) } },
  },
  'issuing CA expired': {
    rule: 4,
    label: 'Failed - Bad Certificates',
    chain: { issuing: { notBefore: year(2029), notAfter: year(2030, 1) } },
  },
  'no DNS SAN and the CN is another name': {
    rule: 5,
    label: 'Failed - Subject CN Mismatch',
    chain: { leaf: { subjectCN: 'other.example.test', dnsNames: [] } },
  },
  'DNS SANs name only another host (CN is right)': {
    rule: 5,
    label: 'Failed - SAN Mismatch',
    chain: { leaf: { dnsNames: ['other.example.test'] } },
  },
};

/** DESIGN §3 rule 4 lists "an end-entity EKU without serverAuth" among the Bad Certificates defects. */
const DESIGN_POLICY: CertificatePolicy = { ...DEFAULT_CERTIFICATE_POLICY, serverAuthEku: 'bad-certificate' };
const EKU_AS_DESIGN: Defect = {
  rule: 4,
  label: 'Failed - Bad Certificates',
  chain: { leaf: { extKeyUsage: 'clientAuth' } },
};
/**
 * The default policy keeps the node's shipped behaviour for that leaf: plain `Failed` ("the certificate is
 * not for server use", the client-auth-only profile), judged only once host identity holds.
 */
const EKU_AS_DEFAULT: Defect = { rule: 5.5, label: 'Failed', chain: { leaf: { extKeyUsage: 'clientAuth' } } };

/** Two defects in one chain; the defect on a certificate Exchange does not present is left out. */
function combine(a: ChainCase, b: ChainCase): ChainCase {
  return {
    ...a,
    ...b,
    leaf: { ...a.leaf, ...b.leaf },
    issuing: { ...a.issuing, ...b.issuing },
  };
}

const judge = (c: ChainCase, policy?: CertificatePolicy) => {
  const { presented, trusted } = buildChain(c);
  const verdict = verifyChain({ presented, trusted, host: HOST, now: NOW, policy });
  return { ...verdict, label: sslLabel(verdict.outcome) };
};

function pairs(defects: Record<string, Defect>): [string, string, Defect, Defect][] {
  const names = Object.keys(defects);
  const out: [string, string, Defect, Defect][] = [];
  for (const a of names)
    for (const b of names) {
      const da = defects[a]!;
      const db = defects[b]!;
      if (da.rule >= db.rule) continue; // same rule: same label whichever fires; each pair once
      if (a === 'issuing CA not presented' && b === 'issuing CA expired') continue; // nothing to judge
      out.push([a, b, da, db]);
    }
  return out;
}

describe('chain verifier: one defect each (DESIGN §3)', () => {
  it('a sound chain to a trusted root is Verified', () => {
    expect(judge({}).label).toBe('Verified');
  });
  it.each(Object.entries({ ...DESIGN_DEFECTS, 'leaf EKU without serverAuth': EKU_AS_DESIGN }))('%s', (_n, d) => {
    expect(judge(d.chain, DESIGN_POLICY).label).toBe(d.label);
  });
  it('default policy: a leaf EKU without serverAuth reads Failed', () => {
    expect(judge(EKU_AS_DEFAULT.chain).label).toBe('Failed');
  });
});

describe('chain verifier: two defects at once, the earlier rule wins (DESIGN §3)', () => {
  const design = pairs({ ...DESIGN_DEFECTS, 'leaf EKU without serverAuth': EKU_AS_DESIGN });
  it.each(design)('%s + %s', (_a, _b, first, second) => {
    expect(first.rule).toBeLessThan(second.rule);
    expect(judge(combine(first.chain, second.chain), DESIGN_POLICY).label).toBe(first.label);
  });

  const shipped = pairs({ ...DESIGN_DEFECTS, 'leaf EKU without serverAuth': EKU_AS_DEFAULT }).filter(
    ([a, b]) => a.includes('EKU') || b.includes('EKU'),
  );
  it.each(shipped)('default policy: %s + %s', (_a, _b, first, second) => {
    expect(judge(combine(first.chain, second.chain)).label).toBe(first.label);
  });

  it('issue 20: an expired certificate served under another name reads Bad Certificates, not SAN Mismatch', () => {
    const v = judge(
      combine(
        DESIGN_DEFECTS['leaf expired']!.chain,
        DESIGN_DEFECTS['DNS SANs name only another host (CN is right)']!.chain,
      ),
    );
    expect(v.label).toBe('Failed - Bad Certificates');
    expect(v.detail).toMatch(/expired on 2029-01-01/);
  });
});
