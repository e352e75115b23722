import type { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import { checkServerIdentity } from 'node:tls';
import type { SslLabel } from '../status/status-labels.ts';
import {
  authorityKeyId,
  extendedKeyUsage,
  isSelfIssued,
  keyInfo,
  SERVER_AUTH_OID,
  SIGNATURE_ALGORITHMS,
  signatureAlgorithmName,
  signatureAlgorithmOid,
  subjectKeyId,
} from './certificate-info.ts';
import { commonName } from './parse-certificates.ts';

/** Which rule decided a verdict; Bad Certificates says which kind of badness. */
export type VerdictRule =
  | 'verified'
  | 'missing-issuer'
  | 'untrusted-root'
  | 'bad-signature'
  | 'unsupported-algorithm'
  | 'weak-key'
  | 'validity'
  | 'cn-mismatch'
  | 'san-mismatch'
  | 'purpose';

export type ViewerStatus = 'Verified' | 'Missing' | 'Bad signature' | 'Expired' | 'Untrusted';

/** One row of the Certificate Viewer, leaf first. */
export interface ChainRow {
  subject: string;
  issuer: string;
  subjectCN: string;
  issuerCN: string;
  serial?: string;
  validFrom?: string;
  validTo?: string;
  fingerprint?: string;
  signatureAlgorithm?: string;
  status: ViewerStatus;
  presented: boolean;
  trusted: boolean;
}

export interface AlgorithmPolicy {
  rejectedDigests: string[];
  minRsaBits: number;
  acceptSha1: boolean;
}

export const DEFAULT_POLICY: AlgorithmPolicy = {
  rejectedDigests: ['md2', 'md4', 'md5'],
  minRsaBits: 1024,
  acceptSha1: true,
};

export interface ChainVerdict {
  label: SslLabel;
  rule: VerdictRule;
  detail: string;
  warnings: string[];
  rows: ChainRow[];
}

export interface VerifyInput {
  /** Certificates as Exchange presented them, leaf first. */
  presented: X509Certificate[];
  trusted: X509Certificate[];
  /** The Presence Gateway value (FQDN or IP). */
  host: string;
  now: number;
  policy?: AlgorithmPolicy;
}

interface PathLink {
  cert: X509Certificate;
  presented: boolean;
  trusted: boolean;
}

const iso = (d: string) => new Date(d).toISOString();

function row(link: PathLink, status: ViewerStatus): ChainRow {
  const c = link.cert;
  return {
    subject: c.subject,
    issuer: c.issuer,
    subjectCN: commonName(c.subject),
    issuerCN: commonName(c.issuer),
    serial: c.serialNumber,
    validFrom: iso(c.validFrom),
    validTo: iso(c.validTo),
    fingerprint: c.fingerprint256,
    signatureAlgorithm: signatureAlgorithmName(signatureAlgorithmOid(c)),
    status,
    presented: link.presented,
    trusted: link.trusted,
  };
}

/** Candidates that could have issued `cert`: same DN, and the same key id when both sides state one. */
function issuerCandidates(cert: X509Certificate, pool: PathLink[]): PathLink[] {
  const aki = authorityKeyId(cert);
  return pool.filter((p) => {
    if (p.cert.subject !== cert.issuer || p.cert.fingerprint256 === cert.fingerprint256) return false;
    const ski = subjectKeyId(p.cert);
    return !aki || !ski || aki === ski;
  });
}

/**
 * Path building and verification as the IM&P status check does it (DESIGN §3 rules 3 to 6), after a
 * successful handshake. First match wins: missing issuer, bad certificates, host identity, purpose.
 */
export function verifyChain(input: VerifyInput): ChainVerdict {
  const policy = input.policy ?? DEFAULT_POLICY;
  const trustedFps = new Set(input.trusted.map((t) => t.fingerprint256));
  const [leafCert] = input.presented;
  if (!leafCert) {
    return {
      label: 'Failed',
      rule: 'missing-issuer',
      detail: 'Exchange presented no certificate',
      warnings: [],
      rows: [],
    };
  }
  // Only CA or self-signed certificates anchor a path: a trusted server certificate whose issuer is
  // missing stays unverifiable, so a missing CA cannot be fixed by accepting what Exchange presented.
  const anchors = (c: X509Certificate) => c.ca || isSelfIssued(c);
  const pool: PathLink[] = [
    ...input.presented.map((cert) => ({
      cert,
      presented: true,
      trusted: trustedFps.has(cert.fingerprint256) && anchors(cert),
    })),
    ...input.trusted
      .filter((t) => !input.presented.some((p) => p.fingerprint256 === t.fingerprint256))
      .map((cert) => ({ cert, presented: false, trusted: anchors(cert) })),
  ];
  const path: PathLink[] = [pool[0]!];
  const warnings: string[] = [];

  // Build the path upwards until a trusted certificate (the anchor) or a dead end.
  let badSignatureAt: number | undefined;
  let missingIssuer: string | undefined;
  let untrustedTop = false;
  for (let guard = 0; guard < 10; guard++) {
    const current = path[path.length - 1]!;
    if (current.trusted) break;
    if (isSelfIssued(current.cert)) {
      // A self-signed certificate nobody trusts. If the store holds another key under the same name,
      // Exchange regenerated its certificate: the trusted copy's key does not verify this one.
      const sameName = input.trusted.find(
        (t) => t.subject === current.cert.subject && t.fingerprint256 !== current.cert.fingerprint256,
      );
      if (sameName) {
        path.push({ cert: sameName, presented: false, trusted: true });
        badSignatureAt = path.length - 2;
      } else {
        untrustedTop = true;
      }
      break;
    }
    const candidates = issuerCandidates(current.cert, pool).filter((c) => !path.includes(c));
    if (candidates.length === 0) {
      missingIssuer = current.cert.issuer;
      break;
    }
    const verifying = candidates.find((c) => current.cert.verify(c.cert.publicKey));
    if (!verifying) {
      path.push(candidates.find((c) => c.trusted) ?? candidates[0]!);
      badSignatureAt = path.length - 2;
      break;
    }
    path.push(verifying);
  }

  const rowsFor = (statusOf: (link: PathLink, i: number) => ViewerStatus): ChainRow[] => {
    const rows = path.map((l, i) => row(l, statusOf(l, i)));
    if (missingIssuer) {
      rows.push({
        subject: missingIssuer,
        issuer: '',
        subjectCN: commonName(missingIssuer),
        issuerCN: '',
        status: 'Missing',
        presented: false,
        trusted: false,
      });
    }
    return rows;
  };
  const invalidDate = (c: X509Certificate) => input.now < Date.parse(c.validFrom) || input.now > Date.parse(c.validTo);
  const baseStatus = (l: PathLink, i: number): ViewerStatus => {
    if (badSignatureAt === i) return 'Bad signature';
    if (invalidDate(l.cert)) return 'Expired';
    if (missingIssuer || untrustedTop) return 'Untrusted';
    return 'Verified';
  };
  const rows = rowsFor(baseStatus);

  // Rule 3: an issuer neither presented nor trusted.
  if (missingIssuer) {
    return {
      label: 'Failed - Certificate Missing From Chain',
      rule: 'missing-issuer',
      detail: `issuer "${commonName(missingIssuer)}" of "${commonName(path[path.length - 1]!.cert.subject)}" was not presented and is not in cup-trust`,
      warnings,
      rows,
    };
  }
  if (untrustedTop) {
    const top = path[path.length - 1]!.cert;
    return {
      label: 'Failed - Certificate Missing From Chain',
      rule: 'untrusted-root',
      detail: `self-signed "${commonName(top.subject)}" is not in cup-trust`,
      warnings,
      rows,
    };
  }

  // Rule 4: signatures, algorithms and keys, validity dates.
  if (badSignatureAt !== undefined) {
    const c = path[badSignatureAt]!.cert;
    return {
      label: 'Failed - Bad Certificates',
      rule: 'bad-signature',
      detail: `bad signature: "${commonName(c.subject)}" does not verify with the key of the trusted "${commonName(c.issuer)}"`,
      warnings,
      rows,
    };
  }
  for (const [i, link] of path.entries()) {
    if (link.trusted && i === path.length - 1 && i > 0) continue; // the anchor's own signature is not checked
    const oid = signatureAlgorithmOid(link.cert);
    const alg = SIGNATURE_ALGORITHMS[oid];
    const name = signatureAlgorithmName(oid);
    if (!alg || policy.rejectedDigests.includes(alg.digest) || (alg.digest === 'sha1' && !policy.acceptSha1)) {
      return {
        label: 'Failed - Bad Certificates',
        rule: 'unsupported-algorithm',
        detail: `unsupported algorithm: "${commonName(link.cert.subject)}" is signed with ${name}`,
        warnings,
        rows,
      };
    }
    if (alg.digest === 'sha1')
      warnings.push(`"${commonName(link.cert.subject)}" is signed with SHA-1 (accepted by policy)`);
    const key = keyInfo(link.cert);
    if (key.type === 'rsa' && (key.bits ?? 0) < policy.minRsaBits) {
      return {
        label: 'Failed - Bad Certificates',
        rule: 'weak-key',
        detail: `unsupported key: "${commonName(link.cert.subject)}" has an RSA-${key.bits} key (minimum ${policy.minRsaBits})`,
        warnings,
        rows,
      };
    }
  }
  for (const link of path) {
    if (invalidDate(link.cert)) {
      const c = link.cert;
      const when =
        input.now < Date.parse(c.validFrom)
          ? `is not valid before ${iso(c.validFrom)}`
          : `expired on ${iso(c.validTo)}`;
      return {
        label: 'Failed - Bad Certificates',
        rule: 'validity',
        detail: `validity: "${commonName(c.subject)}" ${when}`,
        warnings,
        rows,
      };
    }
  }

  // Rule 5: host identity, as Node's checkServerIdentity (DNS SANs when present, else CN; IPs only against IP SANs).
  const identityError = checkServerIdentity(input.host, leafCert.toLegacyObject());
  if (identityError) {
    const sans = (leafCert.subjectAltName ?? '').split(', ').filter(Boolean);
    const hasDnsSan = sans.some((s) => s.startsWith('DNS:'));
    const byName = !isIP(input.host);
    const cnRule = byName ? !hasDnsSan : sans.length === 0;
    return cnRule
      ? {
          label: 'Failed - Subject CN Mismatch',
          rule: 'cn-mismatch',
          detail: `"${input.host}" does not match the Subject CN "${commonName(leafCert.subject)}" (no DNS SANs)`,
          warnings,
          rows,
        }
      : {
          label: 'Failed - SAN Mismatch',
          rule: 'san-mismatch',
          detail: `"${input.host}" matches none of the SANs: ${sans.join(', ')}`,
          warnings,
          rows,
        };
  }

  const eku = extendedKeyUsage(leafCert);
  if (eku && !eku.includes(SERVER_AUTH_OID)) {
    return {
      label: 'Failed',
      rule: 'purpose',
      detail: `unsuitable certificate purpose: "${commonName(leafCert.subject)}" is not for server authentication (EKU ${eku.join(', ')})`,
      warnings,
      rows,
    };
  }
  return {
    label: 'Verified',
    rule: 'verified',
    detail: `chain to trusted "${commonName(path[path.length - 1]!.cert.subject)}" verified for ${input.host}`,
    warnings,
    rows,
  };
}
