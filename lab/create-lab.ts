import { isIP } from 'node:net';
import { join } from 'node:path';
import { serveAdminApi } from '../gateway/admin-api.ts';
import { FIXTURE_PASSWORD_COST, hashPassword } from '../gateway/config/password-hash.ts';
import { ImpNode } from '../gateway/imp-node.ts';
import { labNetwork } from '../gateway/network/gateway-network.ts';
import { EXCHANGE_CA_SEED_FILE } from '../mock-exchange/certs/ca-key-seed.ts';
import { defaultOrgConfig } from '../mock-exchange/default-org.ts';
import { MockExchange } from '../mock-exchange/mock-exchange.ts';
import type { OrgConfig } from '../mock-exchange/org-config.ts';
import { newAdminToken } from '../sim/admin-token.ts';
import { type Clock, SystemClock, VirtualClock } from '../sim/clock.ts';
import { Journal } from '../sim/journal.ts';
import { HostsTable } from '../sim/network.ts';
import { TimeDriver } from './time-driver.ts';

export interface LabOptions {
  /** The Exchange organization; the default one when omitted. */
  org?: OrgConfig;
  /** A virtual clock start (deterministic runs) or the wall clock when omitted. */
  clock?: Clock;
  /** IM&P data directory, or ':memory:' (default) for a throwaway node. */
  dataDir?: string;
  /** Configure the node as an administrator would: gateways for every server, trust, users. Default true. */
  provision?: boolean;
  /** Admin API port for the IM&P node (0 = any free port). */
  impAdminPort?: number;
  /** Admin API port for the mock Exchange (0 = any free port, null = none). */
  exchangeAdminPort?: number | null;
  /** Microsoft Exchange Notification Port override (0 = any free port). */
  notificationPort?: number;
  /** Name Exchange uses for the IM&P node in push callback URLs; registered in the hosts table (default 127.0.0.1). */
  callbackHost?: string;
  /** Start the Cisco Presence Engine once provisioned. Default true. */
  startEngine?: boolean;
  /** The IM and Presence release the node runs (default the newest). */
  release?: string;
  /** The lab's admin token, shared by the IM&P and Exchange admin APIs and the dashboard (default: a new random one). */
  token?: string;
}

/** Password every provisioned end user gets, for clients logging in to the presence feed. */
export const LAB_USER_PASSWORD = 'cisco';

/**
 * The whole lab on one machine: the mock Exchange organization and an IM&P node that reaches it over real
 * sockets through the lab's hosts table, sharing one clock and one journal.
 */
export class Lab {
  #impApi: Awaited<ReturnType<typeof serveAdminApi>> | undefined;
  /** The lab's one time driver; only a lab on a virtual clock has one. */
  readonly time: TimeDriver | undefined;

  private constructor(
    readonly clock: Clock,
    readonly journal: Journal,
    readonly hosts: HostsTable,
    readonly exchange: MockExchange,
    readonly imp: ImpNode,
    /** What the lab's admin APIs and dashboard want: `Authorization: Bearer <token>`. */
    readonly token: string,
  ) {
    this.time =
      clock instanceof VirtualClock
        ? new TimeDriver(clock, journal, { pendingWork: () => this.pendingWork() })
        : undefined;
  }

  static async create(options: LabOptions = {}): Promise<Lab> {
    const clock = options.clock ?? new SystemClock();
    const journal = new Journal(clock, 50_000);
    const hosts = new HostsTable();
    const token = options.token ?? newAdminToken();
    const org = options.org ?? defaultOrgConfig(new Date(clock.now()));
    const exchange = new MockExchange({
      config: org,
      clock,
      journal,
      hosts,
      adminPort: options.exchangeAdminPort ?? 0,
      adminToken: token,
      // A persisted node keeps the root it trusts: the organization keeps its CA keys beside it.
      ...(options.dataDir && options.dataDir !== ':memory:'
        ? { caSeedFile: join(options.dataDir, EXCHANGE_CA_SEED_FILE) }
        : {}),
    });
    await exchange.start();
    const imp = new ImpNode({
      dataDir: options.dataDir ?? ':memory:',
      clock,
      journal,
      network: labNetwork(hosts),
      notificationPort: options.notificationPort ?? 0,
      callbackHost: options.callbackHost,
      release: options.release,
    });
    // A callback name lets a test or scenario make the node unreachable for Exchange by re-pointing it.
    if (options.callbackHost && !isIP(options.callbackHost)) hosts.add(options.callbackHost, '127.0.0.1');
    const lab = new Lab(clock, journal, hosts, exchange, imp, token);
    try {
      lab.#impApi = await serveAdminApi(imp, options.impAdminPort ?? 0, '127.0.0.1', { token });
      imp.recordAdminUrl(lab.#impApi.url, token);
      if (options.provision ?? true) lab.provision();
      if (options.startEngine ?? true) await imp.engine.start();
    } catch (err) {
      await lab.stop();
      throw err;
    }
    return lab;
  }

  /** What an IM&P administrator would configure: one EWS gateway per Exchange server, trust, end users. */
  provision(): void {
    const { imp, exchange } = this;
    const svc = [...exchange.org.accounts.values()].find((a) => a.impersonation !== false);
    imp.config.db.transaction(() => {
      if (svc) imp.config.gateways.setAccount(svc.user, svc.password);
      for (const s of exchange.org.servers.values())
        imp.addGateway({ host: s.fqdn, port: s.port, description: `Exchange server ${s.name}` });
      if (imp.config.trust.list('cup-trust').length === 0)
        imp.uploadTrust('cup-trust', 'exchange-root-ca.pem', exchange.pki.root.pem);
      // One password for every lab user, documented: hashed once, at the fixture cost (a costly hash protects a
      // secret, and this is none).
      let passwordHash: string | undefined;
      for (const m of exchange.org.mailboxes.values()) {
        const userId = m.address.split('@')[0] ?? m.address;
        if (!imp.directory.ldap.get(userId)) {
          passwordHash ??= hashPassword(LAB_USER_PASSWORD, FIXTURE_PASSWORD_COST);
          imp.directory.ldap.add({ userId, mail: m.address, displayName: m.displayName, passwordHash });
        }
      }
    });
    // End users reach IM&P the way they do in production: LDAP -> Cisco Unified CM -> the IM&P sync agent.
    imp.directory.sync();
  }

  /** Work queued inside the node: EWS requests, subscriptions being made or waiting to be (pushes register themselves). */
  pendingWork(): number {
    const w = this.imp.calendars.pendingWork;
    return w.requests + w.queued + w.subscribing + w.waitingToSubscribe;
  }

  /** Let the real socket I/O that virtual time set off finish, as the time driver defines it. */
  async settle(): Promise<void> {
    await this.#driver().settle();
  }

  /** Move virtual time to `target`, one due timer at a time, settling the I/O each timer starts. */
  async runUntil(target: number): Promise<void> {
    await this.#driver().advanceTo(Math.max(target, this.clock.now()));
  }

  #driver(): TimeDriver {
    if (!this.time) throw new Error('driving time needs a lab on a virtual clock');
    return this.time;
  }

  advance(ms: number): Promise<void> {
    return this.runUntil(this.clock.now() + ms);
  }

  get impAdminUrl(): string {
    return this.#impApi?.url ?? '';
  }

  get presenceUrl(): string {
    return this.#impApi?.presenceUrl ?? '';
  }

  get exchangeAdminUrl(): string {
    return this.exchange.adminApi?.url ?? '';
  }

  async stop(): Promise<void> {
    this.time?.dispose();
    await this.#impApi?.close();
    await this.imp.close();
    await this.exchange.stop();
  }
}

/** A lab on a virtual clock, for tests and scenarios. */
export function virtualLab(start: Date | number, options: Omit<LabOptions, 'clock'> = {}): Promise<Lab> {
  return Lab.create({ ...options, clock: new VirtualClock(start) });
}
