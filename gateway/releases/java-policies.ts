import type { CertificatePolicy } from '../certificates/certificate-policy.ts';

/**
 * The two Java platforms the releases run, as certificate policies. Both follow the JDK's
 * jdk.certpath.disabledAlgorithms (MD2, MD5, RSA < 1024; SHA-1 only for chains to a JDK-bundled root),
 * EndEntityChecker (an EKU without serverAuth is a certificate defect) and PKIXValidator (a trusted leaf
 * anchors its own path); they differ in jdk.tls.disabledAlgorithms.
 */
const JSSE_CHAIN_RULES = {
  rejectedDigests: Object.freeze(['md2', 'md4', 'md5']),
  minRsaBits: 1024,
  acceptSha1: true,
  sha1RefusedForJdkRoots: true,
  serverAuthEku: 'bad-certificate',
  trustedLeafAnchors: true,
} as const;

/** A JDK from before the 2021 updates: TLS 1.0 and 1.1 still enabled; no TLS 1.3 client. */
export const LEGACY_JAVA_POLICY: Readonly<CertificatePolicy> = Object.freeze({
  ...JSSE_CHAIN_RULES,
  tlsVersions: Object.freeze({ min: 'TLSv1', max: 'TLSv1.2' } as const),
});

/** A current JDK: `TLSv1, TLSv1.1` in jdk.tls.disabledAlgorithms, so a TLS 1.0-only server fails the handshake. */
export const CURRENT_JAVA_POLICY: Readonly<CertificatePolicy> = Object.freeze({
  ...JSSE_CHAIN_RULES,
  tlsVersions: Object.freeze({ min: 'TLSv1.2', max: 'TLSv1.3' } as const),
});
