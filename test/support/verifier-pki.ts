import type { X509Certificate } from 'node:crypto';
import { poolKey } from '../../mock-exchange/certs/key-pool.ts';
import { type CertificateSpec, type IssuedCertificate, issueCertificate } from '../../mock-exchange/certs/pki.ts';

/** The name the gateway is configured with in the verifier tests. */
export const HOST = 'ex1.example.test';
/** The instant of every verification: inside the good validity window below. */
export const NOW = Date.UTC(2030, 4, 6, 8, 0, 0);
const GOOD_FROM = new Date(Date.UTC(2030, 0, 1));
const GOOD_TO = new Date(Date.UTC(2031, 0, 1));

type Overrides = Partial<Omit<CertificateSpec, 'key' | 'signingKey'>> & {
  key?: 'leaf-a' | 'rsa-512' | 'rsa-1024';
  /** Sign with the impostor key: the certificate names its issuer but does not verify with it. */
  forged?: boolean;
};

/** A chain to verify: root > issuing CA > leaf, what Exchange presents and what cup-trust holds. */
export interface ChainCase {
  leaf?: Overrides;
  /** The root's own fields (its signature is its own: `forged` does not apply). */
  root?: Omit<Overrides, 'forged' | 'key'>;
  issuing?: Overrides;
  /** Exchange leaves the issuing CA out (default: presented). */
  omitIssuing?: boolean;
  /** Exchange also presents the root (default: not). */
  presentRoot?: boolean;
  /** cup-trust holds the root (default: yes). */
  trustRoot?: boolean;
  /** cup-trust also holds the leaf itself. */
  trustLeaf?: boolean;
}

export interface BuiltChain {
  presented: X509Certificate[];
  trusted: X509Certificate[];
}

function issue(spec: CertificateSpec, o: Overrides | undefined, issuer: IssuedCertificate): IssuedCertificate {
  const { key, forged, ...rest } = o ?? {};
  return issueCertificate(
    {
      ...spec,
      ...rest,
      key: key ? poolKey(key) : spec.key,
      ...(forged ? { signingKey: poolKey('impostor') } : {}),
    },
    issuer,
  );
}

/** Build the certificates of a case with fixed names and dates; every part not overridden is sound. */
export function buildChain(c: ChainCase = {}): BuiltChain {
  const ca = (subjectCN: string, serial: string, key: 'root' | 'issuing', until: number): CertificateSpec => ({
    subjectCN,
    serial,
    notBefore: new Date(Date.UTC(2029, 0, 1)),
    notAfter: new Date(Date.UTC(until, 0, 1)),
    key: poolKey(key),
    isCA: true,
  });
  const root = issueCertificate({ ...ca('Verifier Test Root CA', '01', 'root', 2039), ...c.root });
  const issuing = issue({ ...ca('Verifier Test Issuing CA', '02', 'issuing', 2035), pathLen: 0 }, c.issuing, root);
  const leaf = issue(
    {
      subjectCN: HOST,
      serial: '03',
      notBefore: GOOD_FROM,
      notAfter: GOOD_TO,
      key: poolKey('leaf-a'),
      dnsNames: [HOST],
    },
    c.leaf,
    issuing,
  );
  return {
    presented: [leaf.x509, ...(c.omitIssuing ? [] : [issuing.x509]), ...(c.presentRoot ? [root.x509] : [])],
    trusted: [...(c.trustRoot === false ? [] : [root.x509]), ...(c.trustLeaf ? [leaf.x509] : [])],
  };
}
