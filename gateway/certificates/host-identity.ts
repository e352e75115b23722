import type { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import { checkServerIdentity } from 'node:tls';
import { commonName } from './parse-certificates.ts';
import type { Finding } from './verification-outcome.ts';

/**
 * DESIGN §3 rule 5, host identity as Node's checkServerIdentity (RFC 6125: DNS SANs when present, else CN;
 * IPs only against IP SANs; wildcard in the left-most label only). Which label applies depends on whether
 * the certificate had SANs to compare against.
 */
export function checkHostIdentity(host: string, leaf: X509Certificate): Finding | undefined {
  if (!checkServerIdentity(host, leaf.toLegacyObject())) return undefined;
  const sans = (leaf.subjectAltName ?? '').split(', ').filter(Boolean);
  const hasDnsSan = sans.some((s) => s.startsWith('DNS:'));
  const judgedByCn = isIP(host) ? sans.length === 0 : !hasDnsSan;
  return judgedByCn
    ? {
        outcome: 'cn-mismatch',
        detail: `"${host}" does not match the Subject CN "${commonName(leaf.subject)}" (no DNS SANs)`,
      }
    : { outcome: 'san-mismatch', detail: `"${host}" matches none of the SANs: ${sans.join(', ')}` };
}
