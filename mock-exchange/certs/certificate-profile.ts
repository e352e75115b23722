import type { OrganizationPki, ServedCertificate, ServerIdentity } from './organization-pki.ts';

/** The SSL Connection/Certificate Verification values of IM&P's Exchange Server Status area, verbatim. */
export const SSL_STATUSES = [
  'Verified',
  'Failed - Certificate Missing From Chain',
  'Failed - Subject CN Mismatch',
  'Failed - SAN Mismatch',
  'Failed - Bad Certificates',
  'Failed - Network Error',
  'Failed',
] as const;

export type SslStatus = (typeof SSL_STATUSES)[number];

export interface ProfileContext {
  pki: OrganizationPki;
  server: ServerIdentity;
}

/**
 * A certificate profile: what one Exchange server presents on TLS, named by what is wrong with it.
 * Definitions are data; the listener serves whatever `build` returns.
 */
export interface CertificateProfile {
  readonly name: string;
  /** The status row a gateway trusting the organization's root CA is meant to show. */
  readonly status: SslStatus;
  /** What is wrong with what the server presents (and when the status row applies), in plain words. */
  explain(): string;
  build(ctx: ProfileContext): ServedCertificate | Promise<ServedCertificate>;
}

/** TLS options for chains Node refuses at its default security level (weak digests, small keys). */
export const WEAK_CHAIN_TLS = { ciphers: 'DEFAULT@SECLEVEL=0' } as const;
