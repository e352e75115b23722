import { isIP } from 'node:net';
import forge from 'node-forge';

/** The names a CA may certify (RFC 5280 §4.2.1.10 permitted subtrees): DNS domains and IPv4 networks. */
export interface NameConstraintsSpec {
  /** A domain permits itself and every name below it. */
  dnsDomains: readonly string[];
  /** IPv4 networks in CIDR form, e.g. 127.0.0.0/8. */
  ipv4Networks: readonly string[];
}

/** Every address a mock Exchange server may listen on (the organization file allows only these). */
export const LAB_NETWORK = '127.0.0.0/8';

export const NAME_CONSTRAINTS_OID = '2.5.29.30';

const { Class, Type } = forge.asn1;

function ipv4Bytes(address: string, where: string): string {
  if (isIP(address) !== 4) throw new Error(`name constraint ${where}: "${address}" is not an IPv4 address`);
  return String.fromCharCode(...address.split('.').map(Number));
}

function networkBytes(cidr: string): string {
  const [address = '', length = ''] = cidr.split('/');
  const bits = /^\d+$/.test(length) ? Number(length) : Number.NaN;
  if (!(bits >= 0 && bits <= 32)) throw new Error(`name constraint "${cidr}": prefix length must be 0 to 32`);
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  const maskBytes = String.fromCharCode(mask >>> 24, (mask >>> 16) & 0xff, (mask >>> 8) & 0xff, mask & 0xff);
  return ipv4Bytes(address, `"${cidr}"`) + maskBytes;
}

/** GeneralSubtree ::= SEQUENCE { base GeneralName, minimum [0] DEFAULT 0, maximum [1] OPTIONAL } (base only). */
const subtree = (tag: number, bytes: string) =>
  forge.asn1.create(Class.UNIVERSAL, Type.SEQUENCE, true, [
    forge.asn1.create(Class.CONTEXT_SPECIFIC, tag, false, bytes),
  ]);

/**
 * The nameConstraints extension, critical as RFC 5280 says a CA should mark it, for node-forge's setExtensions
 * (forge has no encoder for it): permittedSubtrees [0] with dNSName [2] and iPAddress [7] bases.
 */
export function nameConstraintsExtension(spec: NameConstraintsSpec): {
  id: string;
  critical: true;
  value: forge.asn1.Asn1;
} {
  const dns = [...new Set(spec.dnsDomains.map((d) => d.toLowerCase()))];
  if (dns.length === 0 && spec.ipv4Networks.length === 0) throw new Error('name constraints need a permitted name');
  const permitted = [...dns.map((d) => subtree(2, d)), ...spec.ipv4Networks.map((n) => subtree(7, networkBytes(n)))];
  return {
    id: NAME_CONSTRAINTS_OID,
    critical: true,
    value: forge.asn1.create(Class.UNIVERSAL, Type.SEQUENCE, true, [
      forge.asn1.create(Class.CONTEXT_SPECIFIC, 0, true, permitted),
    ]),
  };
}
