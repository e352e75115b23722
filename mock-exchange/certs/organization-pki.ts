import { randomBytes } from 'node:crypto';
import type { SecureVersion } from 'node:tls';
import type { Clock } from '../../sim/clock.ts';
import type { IdGenerator } from '../../sim/ids.ts';
import { poolKey } from './key-pool.ts';
import { LAB_NETWORK, type NameConstraintsSpec } from './name-constraints.ts';
import { type CertificateSpec, type IssuedCertificate, issueCertificate } from './pki.ts';
import { seededRsaKey } from './seeded-rsa-key.ts';
import { issuingCaWindow, rootCaWindow, type ValidityInstants, validAround, YEAR } from './validity.ts';

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

/** What makes one organization's PKI its own. */
export interface OrganizationPkiOptions {
  /** Subject O of every certificate and the CAs' names (default "pgsim Lab"). */
  orgName?: string;
  /** The CA keys derive from it: the same seed gives the same keys (default: a random one, new per instance). */
  keySeed?: string;
  /** DNS domains the CAs may certify, each with every name below it (default: the default organization's). */
  domains?: readonly string[];
  wallClock?: () => number;
}

/** The default organization's domain (mock-exchange/default-org.ts). */
const DEFAULT_DOMAINS = ['example.test'];

/**
 * The organization's PKI, built per run relative to the sim Clock: a root CA, an issuing (intermediate)
 * CA it signs, an unrelated "other" root, and an impostor issuing CA with the real one's name but
 * another key (never served; its key makes signatures that fail against the real issuing CA).
 * CA keys derive from the key seed, so a restart with the same seed keeps the trust anchors a gateway imported.
 * The CAs are short-lived around both clocks (real TLS clients check the wall clock while the sim clock may be
 * years away) and name-constrained to the organization's domains and the lab's loopback network, so a trusted
 * lab root certifies nothing else.
 */
export class OrganizationPki {
  readonly orgName: string;
  readonly wallClock: () => number;
  /** What the organization's CAs (and the other root) may certify. */
  readonly permitted: NameConstraintsSpec;
  readonly root: IssuedCertificate;
  readonly issuing: IssuedCertificate;
  readonly #otherRoot: () => IssuedCertificate;
  readonly #impostor: () => IssuedCertificate;

  constructor(
    readonly clock: Clock,
    readonly ids: IdGenerator,
    options: OrganizationPkiOptions = {},
  ) {
    this.orgName = options.orgName ?? 'pgsim Lab';
    this.wallClock = options.wallClock ?? Date.now;
    const orgName = this.orgName;
    const keySeed = options.keySeed ?? randomBytes(32).toString('hex');
    const caKey = (label: string) => seededRsaKey(keySeed, label);
    this.permitted = { dnsDomains: options.domains ?? DEFAULT_DOMAINS, ipv4Networks: [LAB_NETWORK] };
    const now = this.instants();
    this.root = issueCertificate({
      subjectCN: `${orgName} Root CA`,
      organization: orgName,
      serial: this.serial('01'),
      ...rootCaWindow(now),
      key: caKey('root'),
      isCA: true,
      nameConstraints: this.permitted,
    });
    const issuingSpec = (): Omit<CertificateSpec, 'key'> => ({
      subjectCN: `${orgName} Issuing CA`,
      organization: orgName,
      serial: this.serial('02'),
      ...issuingCaWindow(now),
      isCA: true,
      pathLen: 0,
      // Also on the issuing CA: Java applies a trust anchor's own constraints only when told to, a path's always.
      nameConstraints: this.permitted,
    });
    this.issuing = issueCertificate({ ...issuingSpec(), key: caKey('issuing') }, this.root);
    // The other root and the impostor serve two certificate profiles only, and their keys take about as long to
    // derive as the root's and the issuing CA's together. They are issued on first use, with the serials and
    // validity they would have had here, so a lab reads the same certificates whenever it first asks.
    const otherRootSpec: Omit<CertificateSpec, 'key'> = {
      subjectCN: 'Other Root CA',
      organization: 'Some Other Organization',
      serial: this.serial('04'),
      ...rootCaWindow(now),
      isCA: true,
      // untrusted-root's fix is to trust this root: then it too may certify only the lab's names.
      nameConstraints: this.permitted,
    };
    const impostorSpec = issuingSpec();
    this.#otherRoot = once(() => issueCertificate({ ...otherRootSpec, key: caKey('other-root') }));
    this.#impostor = once(() => issueCertificate({ ...impostorSpec, key: caKey('impostor') }, this.otherRoot));
  }

  /** A root CA of another organization, which issues untrusted-root's certificate. */
  get otherRoot(): IssuedCertificate {
    return this.#otherRoot();
  }

  /** An issuing CA with the real one's name and another key, signed by the other root; never served. */
  get impostor(): IssuedCertificate {
    return this.#impostor();
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

/** `make`'s result, made on the first call and kept. */
function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => {
    made ??= { value: make() };
    return made.value;
  };
}
