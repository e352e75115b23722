import { X509Certificate } from 'node:crypto';
import type { PresenceGateway } from '../../gateway/config/gateway-store.ts';
import { FIXTURE_PASSWORD_COST, hashPassword } from '../../gateway/config/password-hash.ts';
import { PresenceFeedClient } from '../../gateway/presence/presence-feed-client.ts';
import type { StatusAreaResult } from '../../gateway/status/status-area.ts';
import { Lab } from '../../lab/create-lab.ts';
import type { TimeDriver } from '../../lab/time-driver.ts';
import { VirtualClock } from '../../sim/clock.ts';
import { LoadTracker } from '../load/load-tracker.ts';
import type { GatewaySpec, TrustSpec } from '../schema/lab-spec.ts';
import { type LabPlan, SERVICE_ACCOUNT, USER_PASSWORD } from './lab-plan.ts';

/**
 * A running scenario lab: the pgsim Lab on a virtual clock, configured from the plan, with the names the
 * scenario uses (gateways by name, users by id) and the clients it has logged in.
 */
export class ScenarioLab {
  readonly gateways = new Map<string, string>();
  /** Logged-in clients per user (a user may have several, like a desktop and a phone). */
  readonly clients = new Map<string, PresenceFeedClient[]>();
  /** The answer to each user's latest login attempt: undefined when accepted, else the refusal. */
  readonly lastLogin = new Map<string, string | undefined>();
  /** Journal sequence number at the last `do` step, for `log: { since: step }`. */
  markSeq = 0;
  /** The latest Exchange Server Status area the scenario saw, and when (virtual time). */
  lastStatus: { at: number; area: StatusAreaResult } | undefined;

  private constructor(
    readonly lab: Lab,
    readonly clock: VirtualClock,
    readonly time: TimeDriver,
    readonly plan: LabPlan,
    readonly load: LoadTracker | undefined,
  ) {}

  static async create(plan: LabPlan): Promise<ScenarioLab> {
    const clock = new VirtualClock(plan.start);
    const lab = await Lab.create({
      clock,
      org: plan.org,
      dataDir: ':memory:',
      provision: false,
      startEngine: false,
      exchangeAdminPort: null,
      release: plan.imp.release,
    });
    const time = lab.time;
    if (!time) throw new Error('a scenario lab runs on a virtual clock');
    const load =
      plan.load &&
      new LoadTracker(
        lab.imp.release,
        plan.load.users,
        lab.imp.presence,
        () => lab.imp.config.parameters.get().calendarSpread,
      );
    const s = new ScenarioLab(lab, clock, time, plan, load);
    try {
      await s.#configure();
      await time.settle();
    } catch (err) {
      await s.stop();
      throw err;
    }
    return s;
  }

  /** Refresh the status area, letting virtual time pass if a check must wait for Exchange Timeout. */
  async refreshStatus(): Promise<StatusAreaResult> {
    const area = await this.time.drive(this.imp.status());
    this.lastStatus = { at: this.clock.now(), area };
    return area;
  }

  get imp() {
    return this.lab.imp;
  }

  get exchange() {
    return this.lab.exchange;
  }

  /** What IM&P administrators do before users notice anything: node locale, gateways, trust, parameters, users. */
  async #configure(): Promise<void> {
    const { imp } = this.lab;
    const { plan } = this;
    for (const h of plan.hosts) this.lab.hosts.add(h.name, h.ip, h.up);
    const { directory } = imp;
    if (plan.imp.locale && plan.imp.locale !== imp.config.settings.activeLocale()) {
      // A node installed in another language: its pack on both nodes, active since the node last started.
      directory.locales.install(plan.imp.locale, 'imp');
      directory.locales.install(plan.imp.locale, 'cucm');
      directory.locales.applyPendingOnRestart();
    }
    imp.config.gateways.setAccount(SERVICE_ACCOUNT.user, SERVICE_ACCOUNT.password, plan.imp.accountAuth);
    for (const g of plan.imp.gateways) this.addGateway(g);
    for (const t of plan.imp.trust) await this.uploadTrust(t);
    if (Object.keys(plan.imp.parameters).length > 0) imp.config.parameters.set(plan.imp.parameters);
    // End users arrive as in production: LDAP, then Cisco Unified CM's sync, then the IM&P sync agent.
    // Every user has the same password: hashed once, not once per user (15,000 users took 12 minutes of scrypt),
    // and at the fixture cost, since every copy of pgsim knows it.
    const passwordHash = hashPassword(USER_PASSWORD, FIXTURE_PASSWORD_COST);
    imp.config.db.transaction(() => {
      for (const u of plan.imp.users) {
        directory.ldap.add({ userId: u.id, mail: u.mailbox, displayName: u.displayName ?? u.id, passwordHash });
      }
    });
    directory.sync();
    imp.config.db.transaction(() => {
      for (const u of plan.imp.users) {
        if (!u.calendaring || !u.impEnabled || !u.licensed)
          imp.config.users.update(u.id, { calendaring: u.calendaring, impEnabled: u.impEnabled, licensed: u.licensed });
        if (u.locale) directory.cucm.setLocale(u.id, u.locale);
      }
    });
    if (plan.imp.engine === 'running') await this.time.drive(imp.engine.start());
  }

  addGateway(g: GatewaySpec): PresenceGateway {
    const server = this.exchange.org.server(g.server);
    if (!server) throw new Error(`unknown server "${g.server}"`);
    const host = g.host === undefined || g.host === 'fqdn' ? server.fqdn : g.host === 'ip' ? server.ip : g.host;
    const gw = this.imp.addGateway({
      host,
      port: g.port ?? server.port,
      description: `Exchange server ${server.name}`,
    });
    this.gateways.set(g.name, gw.id);
    return gw;
  }

  gatewayId(name: string): string {
    const id = this.gateways.get(name);
    if (!id) throw new Error(`no gateway named "${name}" (deleted?)`);
    return id;
  }

  gatewayName(id: string): string {
    for (const [name, gid] of this.gateways) if (gid === id) return name;
    return id;
  }

  /** "Download from Exchange, upload to OS Administration": the files go to the trust store as given. */
  async uploadTrust(t: TrustSpec): Promise<string[]> {
    const store = t.store ?? 'cup-trust';
    const files = await this.exchangeFiles(t);
    const present = new Set(this.imp.config.trust.list(store).map((c) => c.fingerprint));
    const uploaded: string[] = [];
    for (const f of files) {
      if (present.has(f.fingerprint)) continue;
      this.imp.uploadTrust(store, f.fileName, f.pem);
      uploaded.push(f.fileName);
    }
    return uploaded;
  }

  async exchangeFiles(t: TrustSpec): Promise<{ fileName: string; pem: string; fingerprint: string }[]> {
    const { certificates, pki } = this.exchange;
    if (t.from === 'exchange-root') {
      return [
        {
          fileName: 'exchange-root-ca.pem',
          pem: pki.root.pem,
          fingerprint: new X509Certificate(pki.root.pem).fingerprint256,
        },
      ];
    }
    const server = t.server ?? '';
    if (t.from === 'exchange-ca') {
      return (await certificates.caCertificates(server)).map((f) => ({
        fileName: f.fileName,
        pem: f.pem,
        fingerprint: f.fingerprint256,
      }));
    }
    const leaf = (await certificates.served(server)).leaf;
    return [{ fileName: `${server}-certificate.pem`, pem: leaf.pem, fingerprint: leaf.x509.fingerprint256 }];
  }

  /** Log a user in from one more client; the answer is kept for `expect: login`. */
  async login(user: string, password = USER_PASSWORD): Promise<string | undefined> {
    const { client, answer } = await this.time.drive(
      PresenceFeedClient.connect(this.lab.presenceUrl).then(async (c) => ({
        client: c,
        answer: await c.login(user, password),
      })),
    );
    const refused = answer.type === 'error' ? answer.message : undefined;
    this.lastLogin.set(user.toLowerCase(), refused);
    if (refused === undefined) this.clients.set(user.toLowerCase(), [...this.clientsOf(user), client]);
    else void client.close();
    return refused;
  }

  clientsOf(user: string): PresenceFeedClient[] {
    return this.clients.get(user.toLowerCase()) ?? [];
  }

  async stop(): Promise<void> {
    for (const c of [...this.clients.values()].flat()) c.terminate();
    this.clients.clear();
    this.load?.dispose();
    await this.lab.stop();
  }
}
