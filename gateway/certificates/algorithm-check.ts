import type { X509Certificate } from 'node:crypto';
import { keyInfo, SIGNATURE_ALGORITHMS, signatureAlgorithmName, signatureAlgorithmOid } from './certificate-info.ts';
import type { CertificatePolicy } from './certificate-policy.ts';
import { commonName } from './parse-certificates.ts';
import type { PathLink } from './path-builder.ts';
import type { Finding } from './verification-outcome.ts';

/**
 * DESIGN §3 rule 4, algorithms and keys: the first certificate in the path (leaf upwards) signed with a
 * refused or unknown algorithm, or holding a too small RSA key. SHA-1 accepted by policy adds a warning.
 */
export function checkAlgorithms(
  links: PathLink[],
  policy: CertificatePolicy,
  warnings: string[],
  jdkRoots: readonly X509Certificate[] = [],
): Finding | undefined {
  const anchor = links[links.length - 1]!;
  const toJdkRoot = anchor.trusted && jdkRoots.some((r) => r.fingerprint256 === anchor.cert.fingerprint256);
  const sha1Refused = !policy.acceptSha1 || (policy.sha1RefusedForJdkRoots === true && toJdkRoot);
  for (const [i, link] of links.entries()) {
    // The anchor is an input (RFC 5280 §6.1): Java 17 trusts even an MD5-signed or RSA-512 leaf found in its store.
    if (link.trusted && i === links.length - 1) continue;
    const subject = commonName(link.cert.subject);
    const oid = signatureAlgorithmOid(link.cert);
    const alg = SIGNATURE_ALGORITHMS[oid];
    if (!alg || policy.rejectedDigests.includes(alg.digest) || (alg.digest === 'sha1' && sha1Refused)) {
      return {
        outcome: 'unsupported-algorithm',
        detail: `unsupported algorithm: "${subject}" is signed with ${signatureAlgorithmName(oid)}${alg?.digest === 'sha1' && toJdkRoot ? ' in a chain to a root bundled with the JDK' : ''}`,
      };
    }
    if (alg.digest === 'sha1') warnings.push(`"${subject}" is signed with SHA-1 (accepted by policy)`);
    const key = keyInfo(link.cert);
    if (key.type === 'rsa' && (key.bits ?? 0) < policy.minRsaBits) {
      return {
        outcome: 'weak-key',
        detail: `unsupported key: "${subject}" has an RSA-${key.bits} key (minimum ${policy.minRsaBits})`,
      };
    }
  }
  return undefined;
}
