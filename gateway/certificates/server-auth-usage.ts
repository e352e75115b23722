import type { X509Certificate } from 'node:crypto';
import { extendedKeyUsage, SERVER_AUTH_OID } from './certificate-info.ts';
import type { CertificatePolicy } from './certificate-policy.ts';
import { commonName } from './parse-certificates.ts';
import type { Finding } from './verification-outcome.ts';

/**
 * A leaf whose extended key usage does not permit TLS server authentication. The policy decides whether
 * that is a certificate defect (rule 4), a plain purpose failure after host identity, or not looked at.
 */
export function checkServerAuthUsage(
  leaf: X509Certificate,
  policy: Pick<CertificatePolicy, 'serverAuthEku'>,
  as: 'bad-certificate' | 'purpose',
): Finding | undefined {
  if (policy.serverAuthEku !== as) return undefined;
  const eku = extendedKeyUsage(leaf);
  if (!eku || eku.includes(SERVER_AUTH_OID)) return undefined;
  const why = `"${commonName(leaf.subject)}" is not for server authentication (EKU ${eku.join(', ')})`;
  return as === 'purpose'
    ? { outcome: 'purpose', detail: `unsuitable certificate purpose: ${why}` }
    : { outcome: 'server-auth-eku', detail: `unsupported certificate: ${why}` };
}
