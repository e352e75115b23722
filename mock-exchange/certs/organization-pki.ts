import type { Clock } from '../../sim/clock.ts';
import type { IdGenerator } from '../../sim/ids.ts';
import { poolKey } from './key-pool.ts';
import { type IssuedCertificate, issueCertificate } from './pki.ts';

/**
 * Wide validity windows: the sim clock may run years away from the wall clock that real TLS clients
 * check against, and a `valid` certificate must stay valid for both.
 */
const YEAR = 365 * 86_400_000;

export interface ServerIdentity {
  fqdn: string;
  ip: string;
}

/** What a TLS listener serves: its key and the certificate chain it presents. */
export interface ServedCertificate {
  keyPem: string;
  /** Leaf first, then any intermediates presented. */
  chainPem: string[];
  leaf: IssuedCertificate;
}

/**
 * The organization's PKI, built per run relative to the sim Clock: a root CA, an issuing (intermediate)
 * CA it signs, and server certificates issued by the issuing CA.
 */
export class OrganizationPki {
  readonly root: IssuedCertificate;
  readonly issuing: IssuedCertificate;

  constructor(
    readonly clock: Clock,
    readonly ids: IdGenerator,
    readonly orgName = 'pgsim Lab',
  ) {
    const now = clock.now();
    this.root = issueCertificate({
      subjectCN: `${orgName} Root CA`,
      organization: orgName,
      serial: `01${ids.hex('serial', 8)}`,
      notBefore: new Date(now - 10 * YEAR),
      notAfter: new Date(now + 20 * YEAR),
      key: poolKey('root'),
      isCA: true,
    });
    this.issuing = issueCertificate(
      {
        subjectCN: `${orgName} Issuing CA`,
        organization: orgName,
        serial: `02${ids.hex('serial', 8)}`,
        notBefore: new Date(now - 8 * YEAR),
        notAfter: new Date(now + 15 * YEAR),
        key: poolKey('issuing'),
        isCA: true,
        pathLen: 0,
      },
      this.root,
    );
  }

  /** PEM bundle a client should trust: the root only (the intermediate is served). */
  get trustBundlePem(): string {
    return this.root.pem;
  }

  /** PEM of every CA certificate in the chain (root and issuing), as "download the CA files" gives. */
  get caChainPem(): string[] {
    return [this.issuing.pem, this.root.pem];
  }

  /** The `valid` profile: SANs with the FQDN and IP, leaf plus intermediate served. */
  validServerCertificate(server: ServerIdentity): ServedCertificate {
    const now = this.clock.now();
    const leaf = issueCertificate(
      {
        subjectCN: server.fqdn,
        organization: this.orgName,
        serial: `03${this.ids.hex('serial', 8)}`,
        notBefore: new Date(now - 5 * YEAR),
        notAfter: new Date(now + 5 * YEAR),
        key: poolKey('leaf-a'),
        dnsNames: [server.fqdn],
        ipAddresses: [server.ip],
      },
      this.issuing,
    );
    return {
      keyPem: leaf.key.export({ type: 'pkcs8', format: 'pem' }).toString(),
      chainPem: [leaf.pem, this.issuing.pem],
      leaf,
    };
  }
}
