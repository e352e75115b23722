import { createPublicKey, type KeyObject, sign, X509Certificate } from 'node:crypto';
import forge from 'node-forge';
import { type NameConstraintsSpec, nameConstraintsExtension } from './name-constraints.ts';

/** Extended key usages a leaf may name. */
export type KeyPurpose = 'serverAuth' | 'clientAuth' | 'emailProtection';

export type DigestName = 'md5' | 'sha1' | 'sha256' | 'sha384' | 'sha512';

export interface IssuedCertificate {
  pem: string;
  key: KeyObject;
  forgeCert: forge.pki.Certificate;
  x509: X509Certificate;
}

export interface CertificateSpec {
  subjectCN: string;
  /** Extra subject attributes (O, OU, C). */
  organization?: string;
  serial: string;
  notBefore: Date;
  notAfter: Date;
  key: KeyObject;
  isCA?: boolean;
  pathLen?: number;
  /** A CA's permitted subtrees (critical nameConstraints extension). */
  nameConstraints?: NameConstraintsSpec;
  dnsNames?: string[];
  ipAddresses?: string[];
  /** A leaf's extended key usage(s); `none` leaves the extension out (fit for any purpose, RFC 5280 §4.2.1.12). */
  extKeyUsage?: KeyPurpose | readonly KeyPurpose[] | 'none';
  digest?: DigestName;
  /** Sign with this key instead of the issuer's: the certificate names its issuer but does not verify with it. */
  signingKey?: KeyObject;
}

function toForgePublicKey(key: KeyObject): forge.pki.PublicKey {
  const pem = createPublicKey(key).export({ type: 'spki', format: 'pem' }).toString();
  return forge.pki.publicKeyFromPem(pem);
}

function subjectAttrs(spec: CertificateSpec): forge.pki.CertificateField[] {
  const attrs: forge.pki.CertificateField[] = [{ name: 'commonName', value: spec.subjectCN }];
  if (spec.organization) attrs.push({ name: 'organizationName', value: spec.organization });
  return attrs;
}

/**
 * Build a certificate with node-forge and sign its TBS bytes with Node's crypto (milliseconds instead
 * of forge's pure-JS RSA). Self-signed when issuer is omitted.
 */
export function issueCertificate(spec: CertificateSpec, issuer?: IssuedCertificate): IssuedCertificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = toForgePublicKey(spec.key);
  cert.serialNumber = spec.serial;
  cert.validity.notBefore = spec.notBefore;
  cert.validity.notAfter = spec.notAfter;
  cert.setSubject(subjectAttrs(spec));
  cert.setIssuer(issuer ? issuer.forgeCert.subject.attributes : subjectAttrs(spec));
  const extensions: object[] = [];
  if (spec.isCA) {
    extensions.push({
      name: 'basicConstraints',
      cA: true,
      critical: true,
      ...(spec.pathLen === undefined ? {} : { pathLenConstraint: spec.pathLen }),
    });
    extensions.push({ name: 'keyUsage', critical: true, keyCertSign: true, cRLSign: true, digitalSignature: true });
    if (spec.nameConstraints) extensions.push(nameConstraintsExtension(spec.nameConstraints));
  } else {
    extensions.push({ name: 'basicConstraints', cA: false });
    extensions.push({ name: 'keyUsage', critical: true, digitalSignature: true, keyEncipherment: true });
    const eku = spec.extKeyUsage ?? 'serverAuth';
    if (eku !== 'none') {
      extensions.push({ name: 'extKeyUsage', ...Object.fromEntries([eku].flat().map((purpose) => [purpose, true])) });
    }
  }
  const altNames = [
    ...(spec.dnsNames ?? []).map((value) => ({ type: 2, value })),
    ...(spec.ipAddresses ?? []).map((ip) => ({ type: 7, ip })),
  ];
  if (altNames.length > 0) extensions.push({ name: 'subjectAltName', altNames });
  extensions.push({ name: 'subjectKeyIdentifier' });
  const issuerCert = issuer?.forgeCert ?? cert;
  extensions.push({
    name: 'authorityKeyIdentifier',
    keyIdentifier: issuer
      ? issuerCert.generateSubjectKeyIdentifier().getBytes()
      : cert.generateSubjectKeyIdentifier().getBytes(),
  });
  cert.setExtensions(extensions);
  signWith(cert, spec.signingKey ?? issuer?.key ?? spec.key, spec.digest ?? 'sha256');
  const pem = forge.pki.certificateToPem(cert);
  return { pem, key: spec.key, forgeCert: cert, x509: new X509Certificate(pem) };
}

/** Sign a forge certificate's TBS with a Node KeyObject. */
export function signWith(cert: forge.pki.Certificate, key: KeyObject, digest: DigestName): void {
  const c = cert as forge.pki.Certificate & { md: forge.md.MessageDigest; tbsCertificate: forge.asn1.Asn1 };
  c.md = forge.md[digest].create();
  const oid = forge.pki.oids[`${digest}WithRSAEncryption`];
  if (!oid) throw new Error(`No signature OID for ${digest}`);
  c.signatureOid = oid;
  c.siginfo.algorithmOid = oid;
  // getTBSCertificate exists in node-forge but is missing from its type definitions.
  const pkiWithTbs = forge.pki as typeof forge.pki & { getTBSCertificate(c: forge.pki.Certificate): forge.asn1.Asn1 };
  c.tbsCertificate = pkiWithTbs.getTBSCertificate(c);
  const tbs = Buffer.from(forge.asn1.toDer(c.tbsCertificate).getBytes(), 'binary');
  c.signature = sign(digest, tbs, key).toString('binary');
}
