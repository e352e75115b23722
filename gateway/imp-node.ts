import { X509Certificate } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { writePrivateFile } from '../sim/admin-token.ts';
import type { Clock } from '../sim/clock.ts';
import { Journal } from '../sim/journal.ts';
import { CalendarSubscriptions } from './calendar/calendar-subscriptions.ts';
import { acceptCertificateChain, type ViewerResult, viewCertificateChain } from './certificates/certificate-viewer.ts';
import type { TrustedCertificate, TrustStoreName } from './certificates/trust-store.ts';
import { DEBUG_LOG_FILE, NODE_STATE_FILE } from './config/data-dir.ts';
import type { GatewayInput, PresenceGateway } from './config/gateway-store.ts';
import { ImpConfig } from './config/imp-config.ts';
import { DebugLog, type DebugLogRotation, rotationFromEnv } from './debug-log.ts';
import { Directory } from './directory/directory.ts';
import type { GatewayNetwork } from './network/gateway-network.ts';
import type { PresenceFeed } from './presence/presence-feed.ts';
import { PresenceStore } from './presence/presence-store.ts';
import { PresenceEngine } from './presence-engine.ts';
import type { ReleaseProfile } from './releases/release-profile.ts';
import { releaseProfile } from './releases/release-profiles.ts';
import type { CheckContext, GatewayStatus } from './status/gateway-check.ts';
import { refreshStatusArea, type StatusAreaResult } from './status/status-area.ts';

export interface ImpNodeOptions {
  /** Data directory, or ':memory:' for a throwaway node (tests, scenarios). */
  dataDir: string | ':memory:';
  clock: Clock;
  network: GatewayNetwork;
  journal?: Journal;
  /** Host name or address Exchange uses to reach this node's notification port (default 127.0.0.1). */
  callbackHost?: string;
  /** Overrides the Microsoft Exchange Notification Port parameter (0 = any free port, for tests). */
  notificationPort?: number;
  /** The IM and Presence release this node runs (DESIGN §4a; default the newest). */
  release?: string;
  /** When debug.log rotates (default PGSIM_DEBUG_LOG_MAX_BYTES / PGSIM_DEBUG_LOG_FILES, else 10 MB and 5 files). */
  debugLog?: DebugLogRotation;
}

/** What a running node records in its data directory so that CLI commands can find its admin API. */
export interface NodeStateFile {
  pid: number;
  adminUrl: string;
  /** The admin token: `Authorization: Bearer <token>`. */
  token: string;
  startedAt: string;
}

/** The IM and Presence node: configuration database, Presence Engine, status area, viewer, debug log. */
export class ImpNode {
  readonly config: ImpConfig;
  readonly engine: PresenceEngine;
  readonly journal: Journal;
  readonly clock: Clock;
  readonly network: GatewayNetwork;
  readonly presence: PresenceStore;
  readonly calendars: CalendarSubscriptions;
  readonly directory: Directory;
  readonly release: ReleaseProfile;
  readonly #debugLog: DebugLog | undefined;

  constructor(readonly options: ImpNodeOptions) {
    this.release = releaseProfile(options.release);
    this.clock = options.clock;
    this.network = options.network;
    this.journal = options.journal ?? new Journal(options.clock);
    this.config = ImpConfig.open(options.dataDir, options.clock);
    this.engine = new PresenceEngine(this.config, this.clock, this.journal);
    this.presence = new PresenceStore(() => this.clock.now());
    this.directory = new Directory(this.config.db, this.clock, this.config.users, this.journal, (userId, reason) =>
      this.#feed?.logout(userId, reason),
    );
    this.config.users.setAuthenticator((u, p, local) => this.directory.authenticate(u, p, local));
    this.calendars = new CalendarSubscriptions({
      clock: this.clock,
      journal: this.journal,
      users: this.config.users,
      presence: this.presence,
      lookup: this.network.lookup,
      callbackHost: options.callbackHost ?? '127.0.0.1',
      notificationPort: options.notificationPort,
      folderWord: (userId, gw) => this.directory.folderWord(userId, gw),
      policy: this.release.certificatePolicy,
    });
    this.engine.addWorker(this.calendars);
    if (options.dataDir !== ':memory:')
      this.#debugLog = new DebugLog(
        join(options.dataDir, DEBUG_LOG_FILE),
        this.journal,
        options.debugLog ?? rotationFromEnv(),
      );
  }

  #feed: PresenceFeed | undefined;

  /** The presence feed, once an admin server hosts it (license removal logs its clients out). */
  get feed(): PresenceFeed | undefined {
    return this.#feed;
  }

  attachFeed(feed: PresenceFeed): void {
    this.#feed = feed;
  }

  /** The status area and viewer read cup-trust as it is now (not the engine's snapshot). */
  checkContext(): CheckContext {
    const params = this.config.parameters.get();
    return {
      network: this.network,
      clock: this.clock,
      timeoutMs: params.exchangeTimeout * 1000,
      trusted: this.config.trust.list('cup-trust').map((c) => new X509Certificate(c.pem)),
      policy: this.release.certificatePolicy,
    };
  }

  /** Refresh the status area; rows whose verdict equals `previous` (the page's last result) are not logged again. */
  status(previous?: readonly GatewayStatus[]): Promise<StatusAreaResult> {
    return refreshStatusArea(this.config.gateways.list(), {
      ...this.checkContext(),
      previous,
      journal: this.journal,
      restartRequired: this.engine.restartRequired(),
    });
  }

  viewer(gatewayRef: string): Promise<ViewerResult> {
    return viewCertificateChain(this.config.gateways.require(gatewayRef), this.checkContext());
  }

  /** Configure/View, then "Accept Certificate Chain" and Save. */
  async acceptChain(gatewayRef: string): Promise<TrustedCertificate[]> {
    const viewed = await this.viewer(gatewayRef);
    const added = acceptCertificateChain(this.config.trust, viewed);
    this.journal.record(
      'info',
      'certificate-viewer',
      `accepted ${added.length} certificate(s) from ${viewed.gateway.host} into cup-trust`,
      {
        certificates: added.map((c) => c.subject.split('\n')[0]),
      },
    );
    return added;
  }

  /** `imp restart`: a freshly installed locale becomes active, and the Presence Engine restarts. */
  async restartNode(): Promise<string> {
    const locale = this.directory.locales.applyPendingOnRestart();
    this.journal.record('info', 'imp-node', `IM and Presence node restarted; active locale ${locale}`);
    await this.engine.restart();
    return locale;
  }

  /** Remove a user's IM&P license: the calendar subscription ends and the user's clients are logged out at once. */
  unlicense(userId: string): void {
    this.config.users.update(userId, { licensed: false });
    const reason = 'IM and Presence license removed';
    this.journal.record('info', 'imp-node', `${userId}: ${reason}`, { user: userId });
    this.#feed?.logout(userId, reason);
  }

  addGateway(input: GatewayInput): PresenceGateway {
    const gw = this.config.addGateway(input);
    this.journal.record(
      'info',
      'config',
      `Presence Gateway ${gw.host}:${gw.port} added (localecalendarname ${gw.localecalendarname}); Presence Engine restart required`,
    );
    return gw;
  }

  uploadTrust(store: TrustStoreName, filename: string, data: Buffer | string): TrustedCertificate[] {
    const added = this.config.trust.upload(store, filename, data);
    this.journal.record('info', 'config', `${added.length} certificate(s) uploaded to ${store} from ${filename}`);
    return added;
  }

  /** Write the node state file (0600: it holds the admin token) so CLI commands can reach this node's admin API. */
  recordAdminUrl(adminUrl: string, token: string): void {
    if (this.options.dataDir === ':memory:') return;
    const state: NodeStateFile = { pid: process.pid, adminUrl, token, startedAt: new Date().toISOString() };
    writePrivateFile(join(this.options.dataDir, NODE_STATE_FILE), JSON.stringify(state, null, 2));
  }

  async close(): Promise<void> {
    if (this.engine.state === 'running') await this.engine.stop('node shutdown');
    if (this.options.dataDir !== ':memory:') rmSync(join(this.options.dataDir, NODE_STATE_FILE), { force: true });
    this.directory.close();
    this.#debugLog?.close();
    this.config.close();
  }
}
