import { X509Certificate } from 'node:crypto';
import type { Journal } from '../../sim/journal.ts';
import { MockExchangeError } from '../mock-exchange-error.ts';
import type { Organization } from '../organization.ts';
import type { CertificateProfile } from './certificate-profile.ts';
import type { OrganizationPki, ServedCertificate } from './organization-pki.ts';
import { CERTIFICATE_PROFILES, PROFILE_NAMES } from './profiles/index.ts';

/** One CA certificate file, as "download the CA certificates from the Exchange server" gives it. */
export interface CaCertificateFile {
  fileName: string;
  subject: string;
  issuer: string;
  fingerprint256: string;
  pem: string;
}

/** Where a new certificate goes: the listener swaps its secure context for new connections. */
export type CertificateSink = (server: string, served: ServedCertificate) => void;

/** Look up a profile by name; throws a MockExchangeError listing the allowed names. */
export function certificateProfile(name: unknown, field = 'certificate'): CertificateProfile {
  const profile = typeof name === 'string' ? CERTIFICATE_PROFILES.get(name) : undefined;
  if (!profile) {
    const what = name === undefined ? 'is required' : `unknown certificate profile ${JSON.stringify(name)}`;
    throw MockExchangeError.at('INVALID_VALUE', field, `${what}; allowed: ${PROFILE_NAMES.join(', ')}`);
  }
  return profile;
}

/**
 * Which certificate profile each server presents, built from the organization PKI relative to the sim
 * Clock. The profile name is kept on the organization's server record (`ExchangeServer.certificate`).
 */
export class CertificateControl {
  readonly #served = new Map<string, ServedCertificate>();

  constructor(
    readonly pki: OrganizationPki,
    readonly org: Organization,
    readonly journal?: Journal,
  ) {}

  /** The certificate a server presents now (built on first use from its configured profile). */
  async served(server: string): Promise<ServedCertificate> {
    const current = this.#served.get(server);
    if (current) return current;
    const record = this.#server(server);
    const built = await this.build(server, record.certificate);
    this.#served.set(server, built);
    return built;
  }

  profile(server: string): CertificateProfile {
    return certificateProfile(this.#server(server).certificate);
  }

  /** Build what `profileName` presents for a server, without applying it. */
  async build(server: string, profileName: string): Promise<ServedCertificate> {
    const record = this.#server(server);
    const profile = certificateProfile(profileName);
    return profile.build({ pki: this.pki, server: { fqdn: record.fqdn, ip: record.ip } });
  }

  /**
   * Switch a server to another profile ("Exchange regenerated its certificate"): build it, hand it to
   * the listener, then record it. Any failure leaves the server presenting what it presented before.
   */
  async set(server: string, profileName: unknown, sink: CertificateSink): Promise<CertificateProfile> {
    const record = this.#server(server);
    const profile = certificateProfile(profileName, 'profile');
    const built = await profile.build({ pki: this.pki, server: { fqdn: record.fqdn, ip: record.ip } });
    sink(server, built);
    this.#served.set(server, built);
    record.certificate = profile.name;
    this.journal?.record('info', `server:${server}`, `certificate profile ${profile.name}`, {
      status: profile.status,
      serial: built.leaf.x509.serialNumber,
    });
    return profile;
  }

  /** The CA certificates of the chain a server presents, as PEM files (issuing CA first, root last). */
  async caCertificates(server: string): Promise<CaCertificateFile[]> {
    const served = await this.served(server);
    const used = new Set<string>();
    return served.caPem.map((pem) => {
      const x509 = new X509Certificate(pem);
      const cn = /CN=([^\n,]+)/.exec(x509.subject)?.[1] ?? 'certificate';
      let fileName = `${slug(cn)}.pem`;
      for (let i = 2; used.has(fileName); i++) fileName = `${slug(cn)}-${i}.pem`;
      used.add(fileName);
      return {
        fileName,
        subject: x509.subject.replaceAll('\n', ', '),
        issuer: x509.issuer.replaceAll('\n', ', '),
        fingerprint256: x509.fingerprint256,
        pem: x509.toString(),
      };
    });
  }

  #server(name: string) {
    const record = this.org.server(name);
    if (!record) {
      throw MockExchangeError.at(
        'UNKNOWN_SERVER',
        'server',
        `unknown server "${name}"; known: ${[...this.org.servers.keys()].join(', ')}`,
      );
    }
    return record;
  }
}

function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9.]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'certificate'
  );
}
