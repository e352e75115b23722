import type { SecureVersion } from 'node:tls';

/**
 * What the Java platform under an IM&P release accepts, as data: release profiles supply their own,
 * the verifier and the TLS probe only read it.
 */
export interface CertificatePolicy {
  /** TLS protocol versions the node's client offers. */
  tlsVersions: { min: SecureVersion; max: SecureVersion };
  /** Signature digests refused anywhere in the path (unknown signature algorithms are always refused). */
  rejectedDigests: readonly string[];
  /** Smallest RSA modulus accepted, in bits. */
  minRsaBits: number;
  /** SHA-1 signatures accepted (with a warning), as the JDK does for chains to a private CA. */
  acceptSha1: boolean;
  /** SHA-1 refused in a chain that ends in a root bundled with the JDK (`SHA1 jdkCA & usage TLSServer`). */
  sha1RefusedForJdkRoots?: boolean;
  /**
   * A leaf whose extended key usage lacks serverAuth: `purpose` fails it as plain `Failed` once the host
   * identity holds; `bad-certificate` fails it with the certificate defects of DESIGN §3 rule 4 (JSSE);
   * `ignore` does not look.
   */
  serverAuthEku: 'purpose' | 'bad-certificate' | 'ignore';
  /** A trusted certificate that is neither a CA nor self-signed anchors its own path (JSSE accepts it). */
  trustedLeafAnchors: boolean;
}

/** Today's policy of the node, the default when no release profile says otherwise. */
export const DEFAULT_CERTIFICATE_POLICY: Readonly<CertificatePolicy> = Object.freeze({
  tlsVersions: Object.freeze({ min: 'TLSv1.2', max: 'TLSv1.3' }),
  rejectedDigests: Object.freeze(['md2', 'md4', 'md5']),
  minRsaBits: 1024,
  acceptSha1: true,
  serverAuthEku: 'purpose',
  trustedLeafAnchors: false,
} as const);
