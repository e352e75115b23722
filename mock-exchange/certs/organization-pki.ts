import type { SecureVersion } from 'node:tls';
import type { Clock } from '../../sim/clock.ts';
import type { IdGenerator } from '../../sim/ids.ts';
import { poolKey } from './key-pool.ts';
import { type CertificateSpec, type IssuedCertificate, issueCertificate } from './pki.ts';
import { type ValidityInstants, validAround, YEAR } from './validity.ts';

export interface ServerIdentity {
  fqdn: string;
  ip: string;
}

/** TLS settings a listener needs to serve a chain Node would otherwise refuse to load or sign with. */
export interface ServedTlsOptions {
  ciphers?: string;
  minVersion?: SecureVersion;
  maxVersion?: SecureVersion;
}

/** What a TLS listener serves: its key and the certificate chain it presents. */
export interface ServedCertificate {
  keyPem: string;
  /** Leaf first, then any intermediates presented. */
  chainPem: string[];
  leaf: IssuedCertificate;
  /** The CA certificates of this chain (issuing first, root last), as "download the CA files" gives. */
  caPem: string[];
  tls?: ServedTlsOptions;
}

/**
 * The organization's PKI, built per run relative to the sim Clock: a root CA, an issuing (intermediate)
 * CA it signs, an unrelated "other" root, and an impostor issuing CA with the real one's name but
 * another key (never served; its key makes signatures that fail against the real issuing CA).
 * Windows are wide and cover the wall clock too: real TLS clients check the wall clock while the sim
 * clock may be years away, and a `valid` certificate must stay valid for both.
 */
export class OrganizationPki {
  readonly root: IssuedCertificate;
  readonly issuing: IssuedCertificate;
  readonly otherRoot: IssuedCertificate;
  readonly impostor: IssuedCertificate;

  constructor(
    readonly clock: Clock,
    readonly ids: IdGenerator,
    readonly orgName = 'pgsim Lab',
    readonly wallClock: () => number = Date.now,
  ) {
    const now = this.instants();
    this.root = issueCertificate({
      subjectCN: `${orgName} Root CA`,
      organization: orgName,
      serial: this.serial('01'),
      ...validAround(now, 10 * YEAR, 20 * YEAR),
      key: poolKey('root'),
      isCA: true,
    });
    const issuingSpec = (key: CertificateSpec['key']): CertificateSpec => ({
      subjectCN: `${orgName} Issuing CA`,
      organization: orgName,
      serial: this.serial('02'),
      ...validAround(now, 8 * YEAR, 15 * YEAR),
      key,
      isCA: true,
      pathLen: 0,
    });
    this.issuing = issueCertificate(issuingSpec(poolKey('issuing')), this.root);
    this.otherRoot = issueCertificate({
      subjectCN: 'Other Root CA',
      organization: 'Some Other Organization',
      serial: this.serial('04'),
      ...validAround(now, 10 * YEAR, 20 * YEAR),
      key: poolKey('other-root'),
      isCA: true,
    });
    this.impostor = issueCertificate(issuingSpec(poolKey('impostor')), this.otherRoot);
  }

  /** Both clocks' now, which every certificate's validity window is judged against. */
  instants(): ValidityInstants {
    return { sim: this.clock.now(), wall: this.wallClock() };
  }

  /** A fresh seeded serial number with a two-hex-digit kind prefix. */
  serial(prefix: string): string {
    return `${prefix}${this.ids.hex('serial', 8)}`;
  }

  /** PEM bundle a client should trust: the root only (the intermediate is served). */
  get trustBundlePem(): string {
    return this.root.pem;
  }

  /** PEM of every CA certificate in the chain (issuing and root), as "download the CA files" gives. */
  get caChainPem(): string[] {
    return [this.issuing.pem, this.root.pem];
  }

  /** A server certificate (by default issued by the issuing CA); `spec` overrides the `valid` defaults. */
  serverCertificate(
    server: ServerIdentity,
    spec: Partial<CertificateSpec> = {},
    issuer: IssuedCertificate = this.issuing,
  ): IssuedCertificate {
    return issueCertificate(
      {
        subjectCN: server.fqdn,
        organization: this.orgName,
        serial: this.serial('03'),
        ...validAround(this.instants(), 5 * YEAR, 5 * YEAR),
        key: poolKey('leaf-a'),
        dnsNames: [server.fqdn],
        ipAddresses: [server.ip],
        ...spec,
      },
      issuer,
    );
  }

  /** The `valid` profile: SANs with the FQDN and IP, leaf plus intermediate served. */
  validServerCertificate(server: ServerIdentity): ServedCertificate {
    return served(this.serverCertificate(server), [this.issuing], this.caChainPem);
  }
}

/** A ServedCertificate presenting `leaf` followed by `presented` CA certificates. */
export function served(
  leaf: IssuedCertificate,
  presented: IssuedCertificate[],
  caPem: string[],
  tls?: ServedTlsOptions,
): ServedCertificate {
  return {
    keyPem: leaf.key.export({ type: 'pkcs8', format: 'pem' }).toString(),
    chainPem: [leaf.pem, ...presented.map((c) => c.pem)],
    leaf,
    caPem,
    ...(tls ? { tls } : {}),
  };
}
