import type { Clock, TimerHandle } from '../../sim/clock.ts';
import type { Journal } from '../../sim/journal.ts';
import type { ConfigDatabase } from '../config/config-database.ts';
import type { PresenceGateway } from '../config/gateway-store.ts';
import type { EndUser, UserStore } from '../config/user-store.ts';
import { calendarWord } from '../locale-packs.ts';
import { CucmEndUsers, type LdapSyncResult } from './cucm-end-users.ts';
import { LdapDirectory } from './ldap-directory.ts';
import { LocaleStore } from './locale-store.ts';

/** The IM&P sync agent removes a user this long after CUCM marked them inactive. */
export const SYNC_AGENT_REMOVAL_DELAY_MS = 24 * 3_600_000;

export interface DirectorySyncResult {
  ldap: LdapSyncResult;
  /** Users the IM&P sync agent added. */
  added: string[];
  /** Users removed from IM&P now (inactive for 24 hours). */
  removed: string[];
  /** Users waiting for removal, with the instant it happens. */
  pendingRemoval: { userId: string; at: number }[];
}

/**
 * LDAP, Cisco Unified CM end users and the IM&P sync agent, with the 24-hour delay between a user going
 * inactive on CUCM and the sync agent removing them from IM&P.
 */
export class Directory {
  readonly ldap: LdapDirectory;
  readonly locales: LocaleStore;
  readonly cucm: CucmEndUsers;
  readonly #removalTimers = new Map<string, TimerHandle>();
  #scheduleTimer: TimerHandle | undefined;

  constructor(
    readonly db: ConfigDatabase,
    readonly clock: Clock,
    readonly users: UserStore,
    readonly journal: Journal,
    readonly onRemoved: (userId: string, reason: string) => void = () => {},
  ) {
    this.ldap = new LdapDirectory(db);
    this.locales = new LocaleStore(db, clock);
    this.cucm = new CucmEndUsers(db, clock, this.ldap, this.locales);
    for (const u of this.cucm.list())
      if (u.status === 'inactive' && u.inactiveSince !== undefined) this.#armRemoval(u.userId, u.inactiveSince);
  }

  /** `directory sync`: LDAP to CUCM, then the IM&P sync agent. Nothing changes when LDAP is unreachable. */
  sync(): DirectorySyncResult {
    const ldap = this.cucm.syncFromLdap();
    const added: string[] = [];
    this.db.transaction(() => {
      for (const c of this.cucm.list()) {
        if (c.status !== 'active' || this.users.get(c.userId)) continue;
        this.users.add({ userId: c.userId, mailbox: c.mail, displayName: c.displayName, locale: c.locale });
        added.push(c.userId);
      }
    });
    for (const id of ldap.reactivated) this.#cancelRemoval(id);
    const removed: string[] = [];
    for (const c of this.cucm.list()) {
      if (c.status !== 'inactive' || c.inactiveSince === undefined) continue;
      if (this.clock.now() >= c.inactiveSince + SYNC_AGENT_REMOVAL_DELAY_MS) {
        if (this.#remove(c.userId)) removed.push(c.userId);
      } else this.#armRemoval(c.userId, c.inactiveSince);
    }
    const pendingRemoval = [...this.#removalTimers.keys()].map((userId) => ({
      userId,
      at: (this.cucm.get(userId)?.inactiveSince ?? 0) + SYNC_AGENT_REMOVAL_DELAY_MS,
    }));
    this.journal.record(
      'info',
      'directory',
      `directory sync: ${ldap.added.length} added, ${ldap.deactivated.length} inactive on CUCM, ${added.length} added to IM&P, ${removed.length} removed`,
      {
        ...ldap,
        impAdded: added,
        removed,
        pendingRemoval,
      },
    );
    for (const id of ldap.deactivated) {
      this.journal.record(
        'info',
        'directory',
        `${id} is inactive on Cisco Unified CM; the IM&P sync agent removes the user 24 hours after this sync`,
        { user: id },
      );
    }
    return { ldap, added, removed, pendingRemoval };
  }

  /** Run `sync()` every intervalMs on the sim clock (0 stops the schedule). */
  schedule(intervalMs: number): void {
    this.clock.clearInterval(this.#scheduleTimer);
    this.#scheduleTimer = intervalMs > 0 ? this.clock.setInterval(() => this.#scheduledSync(), intervalMs) : undefined;
  }

  /** Client logins: directory authentication for users synced from LDAP, the local password otherwise. */
  authenticate(userId: string, password: string, local: () => EndUser | undefined): EndUser | undefined {
    const user = this.users.get(userId);
    if (!user) return undefined;
    if (this.cucm.get(userId)) return this.ldap.authenticate(userId, password) ? user : undefined;
    return local();
  }

  /**
   * The word the user's calendar folder is looked up by: that of the user's locale when one is in effect
   * (set on CUCM once its pack was installed on both nodes); otherwise the gateway's localecalendarname.
   */
  folderWord(userId: string, gateway: PresenceGateway): string {
    const c = this.cucm.get(userId);
    return c?.localeApplied ? calendarWord(c.locale) : gateway.localecalendarname;
  }

  close(): void {
    this.clock.clearInterval(this.#scheduleTimer);
    for (const t of this.#removalTimers.values()) this.clock.clearTimeout(t);
    this.#removalTimers.clear();
  }

  #scheduledSync(): void {
    try {
      this.sync();
    } catch (err) {
      this.journal.record('warn', 'directory', `scheduled directory sync failed: ${(err as Error).message}`);
    }
  }

  #armRemoval(userId: string, inactiveSince: number): void {
    if (this.#removalTimers.has(userId.toLowerCase())) return;
    const due = inactiveSince + SYNC_AGENT_REMOVAL_DELAY_MS;
    this.#removalTimers.set(
      userId.toLowerCase(),
      this.clock.setTimeout(() => {
        this.#removalTimers.delete(userId.toLowerCase());
        this.#remove(userId);
      }, due - this.clock.now()),
    );
  }

  #cancelRemoval(userId: string): void {
    this.clock.clearTimeout(this.#removalTimers.get(userId.toLowerCase()));
    this.#removalTimers.delete(userId.toLowerCase());
  }

  #remove(userId: string): boolean {
    this.#cancelRemoval(userId);
    if (!this.users.get(userId)) return false;
    this.users.delete(userId);
    const reason = 'removed from IM and Presence by the sync agent (deleted from LDAP 24 hours ago)';
    this.journal.record('info', 'directory', `${userId} ${reason}`, { user: userId });
    this.onRemoved(userId, reason);
    return true;
  }
}
