import express from 'express';
import { type Clock, SystemClock } from '../sim/clock.ts';
import { IdGenerator } from '../sim/ids.ts';
import { inFlight } from '../sim/in-flight.ts';
import { Journal } from '../sim/journal.ts';
import { HostsTable } from '../sim/network.ts';
import { AdminApi } from './admin/admin-api.ts';
import { OrgAdmin } from './admin/org-admin.ts';
import { ADMIN_ROUTES } from './admin/routes.ts';
import { autodiscoverEndpoint } from './autodiscover/autodiscover-endpoint.ts';
import { caKeySeed } from './certs/ca-key-seed.ts';
import { CertificateControl } from './certs/certificate-control.ts';
import type { CertificateProfile } from './certs/certificate-profile.ts';
import { OrganizationPki } from './certs/organization-pki.ts';
import { parentDomain } from './certs/profiles/host-names.ts';
import { descriptionEndpoint } from './description/description-endpoint.ts';
import { ServiceDescription } from './description/service-description.ts';
import { ewsAuthorization, ewsEndpoint } from './ews-endpoint.ts';
import { exchangeFaultCheck } from './faults/exchange-fault-check.ts';
import { FaultControl } from './faults/fault-control.ts';
import { gateMailboxMoves } from './notifications/move-gate.ts';
import { NotificationCenter, type NotificationOptions } from './notifications/notification-center.ts';
import type { EwsOperation } from './operation.ts';
import { OPERATIONS } from './operations/index.ts';
import type { OrgConfig } from './org-config.ts';
import { Organization } from './organization.ts';
import { RequestJournal } from './requests/request-journal.ts';
import { serverHostCheck } from './server-host-check.ts';
import { ServerListener } from './server-listener.ts';
import { serverRequestHandler } from './server-request-handler.ts';
import { serverSettingsFromConfig } from './server-settings.ts';

export interface MockExchangeOptions {
  config: OrgConfig;
  clock?: Clock;
  journal?: Journal;
  /** The lab's hosts table; each server's FQDN is registered in it. */
  hosts?: HostsTable;
  /** Bind every server on 0.0.0.0 instead of its own loopback address (containers). */
  listenAll?: boolean;
  /** Largest request head each server accepts, in bytes; larger gets 431 (default 16 KB). */
  maxHeaderSize?: number;
  operations?: ReadonlyMap<string, EwsOperation>;
  /** Admin API port on 127.0.0.1: 0 picks a free one (the default), null runs none. */
  adminPort?: number | null;
  /** The admin API's token (default: a new random one per start). */
  adminToken?: string;
  notifications?: NotificationOptions;
  /** Serve Microsoft's Services.wsdl, messages.xsd and types.xsd from this folder instead of the generated ones. */
  ewsSchemaDir?: string;
  /**
   * Where an organization without a seed keeps its CA keys' seed (0600), so a restart keeps the trust anchors a
   * gateway imported; without it such an organization gets new CA keys on every start.
   */
  caSeedFile?: string;
  /** How many EWS requests the request journal keeps (default 1,000; the oldest are dropped first). */
  requestJournalCapacity?: number;
}

export interface ReadyInfo {
  servers: { name: string; fqdn: string; ip: string; port: number; ewsUrl: string }[];
  caFile?: string;
  adminUrl?: string;
  /** The admin API's token: `Authorization: Bearer <adminToken>`. */
  adminToken?: string;
  accounts: { user: string; password: string; impersonation: boolean }[];
  mailboxes: string[];
}

/** A running mock Exchange organization: one HTTPS listener per server. */
export class MockExchange {
  readonly org: Organization;
  readonly clock: Clock;
  readonly journal: Journal;
  readonly hosts: HostsTable;
  readonly ids: IdGenerator;
  readonly pki: OrganizationPki;
  readonly listeners = new Map<string, ServerListener>();
  /** Which certificate profile each server presents; CA export. */
  readonly certificates: CertificateControl;
  /** Network and Exchange faults per server. */
  readonly faults: FaultControl;
  readonly notifications: NotificationCenter;
  /** The admin operations, in-process: what the admin API routes call. */
  readonly admin: OrgAdmin;
  adminApi: AdminApi | undefined;
  /** Every EWS request received, bounded (mock-exchange/requests/). */
  readonly requests: RequestJournal;

  constructor(readonly options: MockExchangeOptions) {
    this.clock = options.clock ?? new SystemClock();
    this.journal = options.journal ?? new Journal(this.clock);
    this.hosts = options.hosts ?? new HostsTable();
    this.requests = new RequestJournal(options.requestJournalCapacity);
    // Without a seed (the built-in organization), subscription ids differ on every run: a forger cannot guess them.
    this.ids = new IdGenerator(options.config.seed ?? 'pgsim', {
      unpredictable: options.config.seed === undefined ? ['subscription'] : [],
    });
    this.org = new Organization(options.config, this.clock, this.ids);
    this.pki = new OrganizationPki(this.clock, this.ids, {
      keySeed: caKeySeed(options.config.seed, options.caSeedFile),
      domains: [...new Set([this.org.domain, ...[...this.org.servers.values()].map((s) => parentDomain(s.fqdn))])],
    });
    const faultInput = () => ({
      operations: [...(options.operations ?? OPERATIONS).keys()],
      mailboxes: [...this.org.mailboxes.keys()],
    });
    const initialFaults = serverSettingsFromConfig(options.config, faultInput());
    this.certificates = new CertificateControl(this.pki, this.org, this.journal);
    this.faults = new FaultControl(this.org.servers.keys(), this.clock, this.ids, faultInput, initialFaults);
    this.notifications = new NotificationCenter(
      this.org,
      this.clock,
      this.journal,
      this.ids,
      this.hosts,
      options.notifications,
    );
    this.notifications.pushBlocked = (sub) =>
      this.faults.for(sub.server).active('callback-unreachable', { mailbox: sub.mailbox })
        ? `callback-unreachable fault on ${sub.server}`
        : undefined;
    this.admin = new OrgAdmin(this.org, this.notifications);
    this.admin.listenerRestart = (name, downMs) => this.restartListener(name, downMs);
    const operations = gateMailboxMoves(options.operations ?? OPERATIONS, this.notifications);
    // Built once for the organization (the WSDL once per server URL), never per request.
    const schemaDir = options.ewsSchemaDir ?? options.config.ewsSchema;
    const description = schemaDir
      ? ServiceDescription.fromDirectory(schemaDir)
      : ServiceDescription.generated(options.operations ?? OPERATIONS);
    if (description.undescribed.length > 0) {
      this.journal.record(
        'warn',
        'ews',
        `Services.wsdl leaves out ${description.undescribed.join(', ')}: no entry in mock-exchange/description/operation-descriptions.ts`,
      );
    }
    for (const server of this.org.servers.values()) {
      this.hosts.add(server.fqdn, server.ip);
      const app = express();
      app.disable('x-powered-by');
      app.set('etag', false);
      app.use(autodiscoverEndpoint({ org: this.org, server, clock: this.clock, journal: this.journal }));
      app.use((_req, res) => {
        res.status(404).type('text/plain').send('Not found. The EWS endpoint is /EWS/Exchange.asmx.');
      });
      const handler = serverRequestHandler(
        serverHostCheck(server, this.hosts),
        [
          ewsEndpoint({
            org: this.org,
            server,
            clock: this.clock,
            journal: this.journal,
            operations,
            faults: exchangeFaultCheck(this.faults.for(server.name), this.journal),
            requests: this.requests,
          }),
          descriptionEndpoint({
            description,
            ewsUrl: () => this.ewsUrl(server.name),
            authorize: ewsAuthorization(this.org, server, this.journal),
          }),
        ],
        app,
      );
      this.listeners.set(
        server.name,
        new ServerListener(server.name, handler, options.listenAll ? '0.0.0.0' : server.ip, server.port, {
          faults: this.faults.for(server.name),
          maxHeaderSize: options.maxHeaderSize,
          // Network faults act on the organization's Clock, with a seeded random source for jitter.
          network: {
            clock: this.clock,
            random: () => this.ids.bytes(`jitter:${server.name}`, 4).readUInt32BE(0) / 2 ** 32,
          },
          journal: this.journal,
        }),
      );
    }
  }

  async start(): Promise<void> {
    try {
      for (const [name, listener] of this.listeners) {
        const server = this.org.servers.get(name)!;
        server.port = await listener.start(await this.certificates.served(name));
        this.journal.record('info', `server:${name}`, `listening on https://${server.ip}:${server.port}`);
      }
      const adminPort = this.options.adminPort === undefined ? 0 : this.options.adminPort;
      if (adminPort !== null) {
        this.adminApi = new AdminApi(this, ADMIN_ROUTES, this.options.adminToken);
        await this.adminApi.start(adminPort);
        this.journal.record('info', 'admin', `admin API on ${this.adminApi.url}`);
      }
    } catch (err) {
      await this.stop();
      throw err;
    }
  }

  /**
   * The listener side of a server restart: close its HTTPS listener (new connections refused, open ones cut),
   * then reopen it on the same port after `downMs` of sim time.
   */
  async restartListener(name: string, downMs: number): Promise<void> {
    const listener = this.listeners.get(name);
    if (!listener?.running) return;
    const port = listener.port;
    const stopping = inFlight(this.clock).begin(`restart of ${name}: closing`);
    try {
      await listener.stop();
    } finally {
      stopping();
    }
    this.journal.record('warn', `server:${name}`, `HTTPS listener closed for restart (${downMs} ms)`);
    const reopen = async () => {
      if (this.#stopped) return;
      const starting = inFlight(this.clock).begin(`restart of ${name}: reopening`);
      try {
        await listener.start(await this.certificates.served(name), port);
        this.journal.record(
          'info',
          `server:${name}`,
          `listening again on https://${this.org.server(name)?.ip}:${port}`,
        );
      } catch (err) {
        this.journal.record('error', `server:${name}`, `could not listen again after restart: ${String(err)}`);
      } finally {
        starting();
      }
    };
    if (downMs > 0) this.clock.setTimeout(() => void reopen(), downMs);
    else await reopen();
  }

  #stopped = false;

  async stop(): Promise<void> {
    this.#stopped = true;
    this.notifications.close();
    await this.adminApi?.stop();
    await Promise.all([...this.listeners.values()].map((l) => l.stop()));
  }

  /** Switch a server's certificate profile at run time; new connections see it, other servers are untouched. */
  async setCertificateProfile(server: string, profile: unknown): Promise<CertificateProfile> {
    return this.certificates.set(server, profile, (name, served) => {
      const listener = this.listeners.get(name);
      if (listener?.running) listener.setCertificate(served);
    });
  }

  /** Return a server (every server when omitted) to the `valid` profile with no faults. */
  async reset(server?: string): Promise<void> {
    for (const name of server === undefined ? [...this.listeners.keys()] : [server]) {
      await this.faults.clear(name);
      await this.setCertificateProfile(name, 'valid');
    }
  }

  ewsUrl(serverName: string, by: 'fqdn' | 'ip' = 'fqdn'): string {
    const s = this.org.servers.get(serverName);
    if (!s) throw new Error(`Unknown server "${serverName}"`);
    return `https://${by === 'fqdn' ? s.fqdn : s.ip}:${s.port}/EWS/Exchange.asmx`;
  }

  readyInfo(caFile?: string): ReadyInfo {
    return {
      servers: [...this.org.servers.values()].map((s) => ({
        name: s.name,
        fqdn: s.fqdn,
        ip: s.ip,
        port: s.port,
        ewsUrl: this.ewsUrl(s.name),
      })),
      caFile,
      adminUrl: this.adminApi?.url,
      adminToken: this.adminApi?.token,
      accounts: [...this.org.accounts.values()].map((a) => ({
        user: a.user,
        password: a.password,
        impersonation: a.impersonation !== false,
      })),
      mailboxes: [...this.org.mailboxes.keys()],
    };
  }
}
