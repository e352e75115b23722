import type { X509Certificate } from 'node:crypto';
import { createRequire } from 'node:module';
import type Forge from 'node-forge';

// node-forge takes a quarter of a second to load: loaded at the first certificate read, not by every CLI command.
const require = createRequire(import.meta.url);
let loaded: typeof Forge | undefined;
const forge = (): typeof Forge => {
  loaded ??= require('node-forge') as typeof Forge;
  return loaded;
};

/** Signature algorithm OIDs we name; anything else is "unknown" and refused by the default policy. */
export const SIGNATURE_ALGORITHMS: Readonly<Record<string, { name: string; digest: string }>> = {
  '1.2.840.113549.1.1.2': { name: 'md2WithRSAEncryption', digest: 'md2' },
  '1.2.840.113549.1.1.3': { name: 'md4WithRSAEncryption', digest: 'md4' },
  '1.2.840.113549.1.1.4': { name: 'md5WithRSAEncryption', digest: 'md5' },
  '1.2.840.113549.1.1.5': { name: 'sha1WithRSAEncryption', digest: 'sha1' },
  '1.2.840.113549.1.1.10': { name: 'RSASSA-PSS', digest: 'pss' },
  '1.2.840.113549.1.1.11': { name: 'sha256WithRSAEncryption', digest: 'sha256' },
  '1.2.840.113549.1.1.12': { name: 'sha384WithRSAEncryption', digest: 'sha384' },
  '1.2.840.113549.1.1.13': { name: 'sha512WithRSAEncryption', digest: 'sha512' },
  '1.2.840.10045.4.3.2': { name: 'ecdsa-with-SHA256', digest: 'sha256' },
  '1.2.840.10045.4.3.3': { name: 'ecdsa-with-SHA384', digest: 'sha384' },
  '1.2.840.10045.4.3.4': { name: 'ecdsa-with-SHA512', digest: 'sha512' },
  '1.3.101.112': { name: 'Ed25519', digest: 'ed25519' },
};

/** The OID of a certificate's outer signatureAlgorithm, read from its DER (works for any key type). */
export function signatureAlgorithmOid(cert: X509Certificate): string {
  const asn1 = forge().asn1.fromDer(forge().util.createBuffer(cert.raw.toString('binary')));
  const algSeq = (asn1.value as Forge.asn1.Asn1[])[1];
  const oid = (algSeq?.value as Forge.asn1.Asn1[] | undefined)?.[0];
  if (!oid || typeof oid.value !== 'string') return 'unknown';
  return forge().asn1.derToOid(oid.value);
}

export function signatureAlgorithmName(oid: string): string {
  return SIGNATURE_ALGORITHMS[oid]?.name ?? `unknown (${oid})`;
}

export interface KeyInfo {
  type: string;
  bits?: number;
}

export function keyInfo(cert: X509Certificate): KeyInfo {
  const pk = cert.publicKey;
  return { type: pk.asymmetricKeyType ?? 'unknown', bits: pk.asymmetricKeyDetails?.modulusLength };
}

/** Extended key usages from the legacy object, when the extension is present. */
export function extendedKeyUsage(cert: X509Certificate): string[] | undefined {
  const legacy = cert.toLegacyObject() as { ext_key_usage?: string[] };
  return legacy.ext_key_usage;
}

export const SERVER_AUTH_OID = '1.3.6.1.5.5.7.3.1';

export function isSelfIssued(cert: X509Certificate): boolean {
  return cert.subject === cert.issuer;
}

function extensionValue(cert: X509Certificate, oid: string): Forge.asn1.Asn1 | undefined {
  const asn1 = forge().asn1.fromDer(forge().util.createBuffer(cert.raw.toString('binary')));
  const tbs = (asn1.value as Forge.asn1.Asn1[])[0];
  const explicit3 = (tbs?.value as Forge.asn1.Asn1[] | undefined)?.find(
    (n) => n.tagClass === forge().asn1.Class.CONTEXT_SPECIFIC && n.type === 3,
  );
  const exts = (explicit3?.value as Forge.asn1.Asn1[] | undefined)?.[0]?.value as Forge.asn1.Asn1[] | undefined;
  for (const ext of exts ?? []) {
    const parts = ext.value as Forge.asn1.Asn1[];
    const id = parts[0];
    if (!id || typeof id.value !== 'string' || forge().asn1.derToOid(id.value) !== oid) continue;
    const octets = parts[parts.length - 1];
    if (!octets || typeof octets.value !== 'string') return undefined;
    return forge().asn1.fromDer(forge().util.createBuffer(octets.value));
  }
  return undefined;
}

/** Subject Key Identifier as hex, when present. */
export function subjectKeyId(cert: X509Certificate): string | undefined {
  const v = extensionValue(cert, '2.5.29.14');
  return v && typeof v.value === 'string' ? forge().util.bytesToHex(v.value) : undefined;
}

/** Authority Key Identifier's keyIdentifier as hex, when present. */
export function authorityKeyId(cert: X509Certificate): string | undefined {
  const v = extensionValue(cert, '2.5.29.35');
  const keyId = (v?.value as Forge.asn1.Asn1[] | undefined)?.find(
    (n) => n.tagClass === forge().asn1.Class.CONTEXT_SPECIFIC && n.type === 0,
  );
  return keyId && typeof keyId.value === 'string' ? forge().util.bytesToHex(keyId.value) : undefined;
}
