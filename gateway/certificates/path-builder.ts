import type { X509Certificate } from 'node:crypto';
import { authorityKeyId, isSelfIssued, subjectKeyId } from './certificate-info.ts';
import type { CertificatePolicy } from './certificate-policy.ts';

export interface PathLink {
  cert: X509Certificate;
  presented: boolean;
  /** Trusted and allowed to anchor a path. */
  trusted: boolean;
}

/** A path from the leaf upwards, and how it ended when it did not reach an anchor cleanly. */
export interface CertificatePath {
  links: PathLink[];
  /** Index of the certificate whose signature does not verify with the next link's key. */
  badSignatureAt?: number;
  /** DN of an issuer neither presented nor trusted. */
  missingIssuer?: string;
  /** The path ends in a self-signed certificate nobody trusts. */
  untrustedTop: boolean;
}

/** Longest path followed: deeper chains than this are not built by any real client either. */
const MAX_DEPTH = 10;

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
 * Build the path from the leaf (first presented certificate) upwards until a trusted anchor or a dead end.
 * Only CA or self-signed certificates anchor a path unless the policy lets a trusted leaf anchor itself:
 * otherwise a missing CA could be "fixed" by accepting what Exchange presented.
 */
export function buildPath(
  presented: X509Certificate[],
  trusted: X509Certificate[],
  policy: Pick<CertificatePolicy, 'trustedLeafAnchors'>,
): CertificatePath {
  const trustedFps = new Set(trusted.map((t) => t.fingerprint256));
  const anchors = (c: X509Certificate) => policy.trustedLeafAnchors || c.ca || isSelfIssued(c);
  const pool: PathLink[] = [
    ...presented.map((cert) => ({
      cert,
      presented: true,
      trusted: trustedFps.has(cert.fingerprint256) && anchors(cert),
    })),
    ...trusted
      .filter((t) => !presented.some((p) => p.fingerprint256 === t.fingerprint256))
      .map((cert) => ({ cert, presented: false, trusted: anchors(cert) })),
  ];
  const links: PathLink[] = [pool[0]!];
  // The first signature that does not verify; building goes on, so a missing anchor above it still shows.
  let badSignatureAt: number | undefined;
  const ended = (end: Partial<CertificatePath>): CertificatePath => ({
    links,
    untrustedTop: false,
    ...(badSignatureAt === undefined ? {} : { badSignatureAt }),
    ...end,
  });
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    const current = links[links.length - 1]!;
    if (current.trusted) break;
    if (isSelfIssued(current.cert)) {
      // A self-signed certificate nobody trusts. If the store holds another key under the same name,
      // Exchange regenerated its certificate: the trusted copy's key does not verify this one.
      const sameName = trusted.find(
        (t) => t.subject === current.cert.subject && t.fingerprint256 !== current.cert.fingerprint256,
      );
      if (!sameName) return ended({ untrustedTop: true });
      links.push({ cert: sameName, presented: false, trusted: true });
      badSignatureAt ??= links.length - 2;
      break;
    }
    const candidates = issuerCandidates(current.cert, pool).filter((c) => !links.includes(c));
    if (candidates.length === 0) return ended({ missingIssuer: current.cert.issuer });
    const verifying = candidates.find((c) => current.cert.verify(c.cert.publicKey));
    if (verifying) {
      links.push(verifying);
      continue;
    }
    links.push(candidates.find((c) => c.trusted) ?? candidates[0]!);
    badSignatureAt ??= links.length - 2;
  }
  return ended({});
}
