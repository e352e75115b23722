import type { X509Certificate } from 'node:crypto';
import { signatureAlgorithmName, signatureAlgorithmOid } from './certificate-info.ts';
import { commonName } from './parse-certificates.ts';

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

export const isoDate = (d: string) => new Date(d).toISOString();

/** The row of a certificate in the built path. */
export function certificateRow(
  cert: X509Certificate,
  where: { presented: boolean; trusted: boolean },
  status: ViewerStatus,
): ChainRow {
  return {
    subject: cert.subject,
    issuer: cert.issuer,
    subjectCN: commonName(cert.subject),
    issuerCN: commonName(cert.issuer),
    serial: cert.serialNumber,
    validFrom: isoDate(cert.validFrom),
    validTo: isoDate(cert.validTo),
    fingerprint: cert.fingerprint256,
    signatureAlgorithm: signatureAlgorithmName(signatureAlgorithmOid(cert)),
    status,
    presented: where.presented,
    trusted: where.trusted,
  };
}

/** The row of an issuer nobody has: named by its DN, nothing else is known about it. */
export function missingRow(issuerDn: string): ChainRow {
  return {
    subject: issuerDn,
    issuer: '',
    subjectCN: commonName(issuerDn),
    issuerCN: '',
    status: 'Missing',
    presented: false,
    trusted: false,
  };
}
