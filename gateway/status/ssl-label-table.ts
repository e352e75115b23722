import type { SslOutcome } from '../certificates/verification-outcome.ts';
import type { SslLabel } from './status-labels.ts';

/**
 * The one table from verification outcome to the SSL label of DESIGN §3, read by the status area, the
 * Certificate Viewer and the dashboard alike, so the same outcome always gets the same label.
 */
export const SSL_LABEL_FOR: Readonly<Record<SslOutcome, SslLabel>> = Object.freeze({
  // Rule 1: no TCP conversation.
  refused: 'Failed - Network Error',
  reset: 'Failed - Network Error',
  timeout: 'Failed - Network Error',
  unreachable: 'Failed - Network Error',
  // Rule 2: the name does not resolve, or the handshake fails for another reason.
  'not-resolved': 'Failed',
  handshake: 'Failed',
  'no-certificate': 'Failed',
  // Rule 3.
  'missing-issuer': 'Failed - Certificate Missing From Chain',
  'untrusted-root': 'Failed - Certificate Missing From Chain',
  // Rule 4.
  'bad-signature': 'Failed - Bad Certificates',
  'unsupported-algorithm': 'Failed - Bad Certificates',
  'weak-key': 'Failed - Bad Certificates',
  validity: 'Failed - Bad Certificates',
  'server-auth-eku': 'Failed - Bad Certificates',
  // Rule 5.
  'cn-mismatch': 'Failed - Subject CN Mismatch',
  'san-mismatch': 'Failed - SAN Mismatch',
  // A leaf not for server use, judged after host identity (the default policy).
  purpose: 'Failed',
  // Rule 6.
  verified: 'Verified',
});

export function sslLabel(outcome: SslOutcome): SslLabel {
  return SSL_LABEL_FOR[outcome];
}
