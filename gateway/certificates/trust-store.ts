import type { X509Certificate } from 'node:crypto';
import type { Clock } from '../../sim/clock.ts';
import type { ConfigDatabase } from '../config/config-database.ts';
import { GatewayError } from '../gateway-error.ts';
import { commonName, parseCertificates } from './parse-certificates.ts';

export const TRUST_STORES = ['cup-trust', 'tomcat-trust'] as const;
export type TrustStoreName = (typeof TRUST_STORES)[number];

export interface TrustedCertificate {
  store: TrustStoreName;
  fingerprint: string;
  subject: string;
  issuer: string;
  serial: string;
  notBefore: string;
  notAfter: string;
  isCA: boolean;
  filename: string;
  addedAt: string;
  pem: string;
}

interface Row {
  store: TrustStoreName;
  fingerprint: string;
  subject: string;
  issuer: string;
  serial: string;
  not_before: string;
  not_after: string;
  is_ca: number;
  filename: string;
  added_at: string;
  pem: string;
}

const toTrusted = (r: Row): TrustedCertificate => ({
  store: r.store,
  fingerprint: r.fingerprint,
  subject: r.subject,
  issuer: r.issuer,
  serial: r.serial,
  notBefore: r.not_before,
  notAfter: r.not_after,
  isCA: r.is_ca === 1,
  filename: r.filename,
  addedAt: r.added_at,
  pem: r.pem,
});

export function requireStore(name: string): TrustStoreName {
  if (!(TRUST_STORES as readonly string[]).includes(name)) {
    throw new GatewayError('UNKNOWN_STORE', `Unknown trust store "${name}"; use ${TRUST_STORES.join(' or ')}`, 'store');
  }
  return name as TrustStoreName;
}

/** The cup-trust and tomcat-trust certificate stores of the node (OS Administration > Certificate Management). */
export class TrustStore {
  constructor(
    readonly db: ConfigDatabase,
    readonly clock: Clock,
  ) {}

  list(store?: TrustStoreName): TrustedCertificate[] {
    const rows = store
      ? this.db.all<Row>('SELECT * FROM certificatestore WHERE store = ? ORDER BY added_at, rowid', store)
      : this.db.all<Row>('SELECT * FROM certificatestore ORDER BY store, added_at, rowid');
    return rows.map(toTrusted);
  }

  /**
   * Upload a PEM/DER file or bundle. Every certificate is checked first (readable, not expired, not already
   * present); only then are all of them written, in one transaction.
   */
  upload(store: TrustStoreName, filename: string, data: Buffer | string): TrustedCertificate[] {
    const certs = parseCertificates(data, filename);
    const now = this.clock.now();
    const seen = new Set<string>();
    for (const c of certs) {
      if (Date.parse(c.validTo) < now) {
        throw new GatewayError(
          'EXPIRED_CA',
          `${filename}: ${c.ca ? 'CA certificate' : 'certificate'} "${commonName(c.subject)}" expired on ${new Date(c.validTo).toISOString()}`,
          'file',
        );
      }
      if (seen.has(c.fingerprint256) || this.#has(store, c.fingerprint256)) {
        throw new GatewayError(
          'DUPLICATE_CERTIFICATE',
          `${filename}: "${commonName(c.subject)}" is already in ${store}`,
          'file',
        );
      }
      seen.add(c.fingerprint256);
    }
    const addedAt = new Date(now).toISOString();
    this.db.transaction(() => {
      for (const c of certs) this.#insert(store, c, filename, addedAt);
      this.db.bumpGeneration();
    });
    return certs.map((c) => this.#require(store, c.fingerprint256));
  }

  /** Import certificates the viewer accepted (already parsed); those already trusted are skipped. */
  importAccepted(store: TrustStoreName, certs: X509Certificate[], filename: string): TrustedCertificate[] {
    const addedAt = new Date(this.clock.now()).toISOString();
    const fresh = certs.filter((c) => !this.#has(store, c.fingerprint256));
    this.db.transaction(() => {
      for (const c of fresh) this.#insert(store, c, filename, addedAt);
      if (fresh.length > 0) this.db.bumpGeneration();
    });
    return fresh.map((c) => this.#require(store, c.fingerprint256));
  }

  /** Delete by fingerprint (colons optional, unique prefix allowed), file name or subject CN. */
  delete(store: TrustStoreName, ref: string): TrustedCertificate {
    const r = ref.trim();
    const norm = r.replace(/:/g, '').toUpperCase();
    const matches = this.list(store).filter(
      (c) => c.fingerprint.replace(/:/g, '').startsWith(norm) || c.filename === r || commonName(c.subject) === r,
    );
    if (matches.length === 0)
      throw new GatewayError('UNKNOWN_CERTIFICATE', `No certificate "${r}" in ${store}`, 'certificate');
    if (matches.length > 1) {
      throw new GatewayError(
        'UNKNOWN_CERTIFICATE',
        `"${r}" matches ${matches.length} certificates in ${store}; use a fingerprint: ${matches.map((m) => m.fingerprint).join(', ')}`,
        'certificate',
      );
    }
    const victim = matches[0]!;
    this.db.transaction(() => {
      this.db.run('DELETE FROM certificatestore WHERE store = ? AND fingerprint = ?', store, victim.fingerprint);
      this.db.bumpGeneration();
    });
    return victim;
  }

  #has(store: TrustStoreName, fingerprint: string): boolean {
    return (
      this.db.get('SELECT 1 AS x FROM certificatestore WHERE store = ? AND fingerprint = ?', store, fingerprint) !==
      undefined
    );
  }

  #require(store: TrustStoreName, fingerprint: string): TrustedCertificate {
    const row = this.db.get<Row>(
      'SELECT * FROM certificatestore WHERE store = ? AND fingerprint = ?',
      store,
      fingerprint,
    );
    if (!row) throw new GatewayError('UNKNOWN_CERTIFICATE', `No certificate ${fingerprint} in ${store}`);
    return toTrusted(row);
  }

  #insert(store: TrustStoreName, c: X509Certificate, filename: string, addedAt: string): void {
    this.db.run(
      'INSERT INTO certificatestore (store, fingerprint, subject, issuer, serial, not_before, not_after, is_ca, pem, filename, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      store,
      c.fingerprint256,
      c.subject,
      c.issuer,
      c.serialNumber,
      new Date(c.validFrom).toISOString(),
      new Date(c.validTo).toISOString(),
      c.ca ? 1 : 0,
      c.toString(),
      filename,
      addedAt,
    );
  }
}
