import type { Clock } from '../../sim/clock.ts';
import type { ConfigDatabase } from '../config/config-database.ts';
import { GatewayError } from '../gateway-error.ts';
import type { LdapDirectory } from './ldap-directory.ts';
import { type LocaleStore, requireLocale } from './locale-store.ts';

export interface CucmEndUser {
  userId: string;
  mail: string;
  displayName: string;
  status: 'active' | 'inactive';
  inactiveSince?: number;
  locale: string;
  /** False when the locale was set before its pack was installed on both IM&P and CUCM. */
  localeApplied: boolean;
}

interface Row {
  userid: string;
  mail: string;
  displayname: string;
  status: 'active' | 'inactive';
  inactive_since: number | null;
  locale: string;
  locale_applied: number;
}

const toUser = (r: Row): CucmEndUser => ({
  userId: r.userid,
  mail: r.mail,
  displayName: r.displayname,
  status: r.status,
  inactiveSince: r.inactive_since ?? undefined,
  locale: r.locale,
  localeApplied: r.locale_applied === 1,
});

export interface LdapSyncResult {
  added: string[];
  deactivated: string[];
  reactivated: string[];
}

/** Cisco Unified CM end users, synchronised from LDAP: a user deleted from LDAP becomes inactive at the next sync. */
export class CucmEndUsers {
  constructor(
    readonly db: ConfigDatabase,
    readonly clock: Clock,
    readonly ldap: LdapDirectory,
    readonly locales: LocaleStore,
  ) {}

  list(): CucmEndUser[] {
    return this.db.all<Row>('SELECT * FROM cucmuser ORDER BY userid').map(toUser);
  }

  get(userId: string): CucmEndUser | undefined {
    const r = this.db.get<Row>('SELECT * FROM cucmuser WHERE userid = ?', userId);
    return r ? toUser(r) : undefined;
  }

  /** LDAP synchronisation (CUCM's DirSync). Fails, changing nothing, when the directory is unreachable. */
  syncFromLdap(): LdapSyncResult {
    if (!this.ldap.reachable)
      throw new GatewayError(
        'INVALID_VALUE',
        'LDAP synchronisation failed: the LDAP directory is unreachable; nothing was changed',
        'directory',
      );
    const result: LdapSyncResult = { added: [], deactivated: [], reactivated: [] };
    const now = this.clock.now();
    this.db.transaction(() => {
      const inLdap = new Map(this.ldap.list().map((u) => [u.userId.toLowerCase(), u]));
      for (const u of this.list()) {
        const key = u.userId.toLowerCase();
        if (!inLdap.has(key) && u.status === 'active') {
          this.db.run("UPDATE cucmuser SET status = 'inactive', inactive_since = ? WHERE userid = ?", now, u.userId);
          result.deactivated.push(u.userId);
        } else if (inLdap.has(key) && u.status === 'inactive') {
          this.db.run("UPDATE cucmuser SET status = 'active', inactive_since = NULL WHERE userid = ?", u.userId);
          result.reactivated.push(u.userId);
        }
      }
      for (const l of inLdap.values()) {
        if (this.get(l.userId)) {
          this.db.run(
            'UPDATE cucmuser SET mail = ?, displayname = ? WHERE userid = ?',
            l.mail,
            l.displayName,
            l.userId,
          );
        } else {
          this.db.run(
            "INSERT INTO cucmuser (userid, mail, displayname, status) VALUES (?, ?, ?, 'active')",
            l.userId,
            l.mail,
            l.displayName,
          );
          result.added.push(l.userId);
        }
      }
    });
    return result;
  }

  /**
   * Set the user locale on CUCM. It only takes effect when the pack is installed on both IM&P and CUCM;
   * set too early, it stays ineffective until set again (toggled) after the installs.
   */
  setLocale(userId: string, locale: string): CucmEndUser {
    requireLocale(locale);
    const u = this.get(userId);
    if (!u) throw new GatewayError('INVALID_VALUE', `No Cisco Unified CM end user "${userId}"`, 'user');
    const applied = this.locales.isInstalled('imp', locale) && this.locales.isInstalled('cucm', locale);
    this.db.run(
      'UPDATE cucmuser SET locale = ?, locale_applied = ? WHERE userid = ?',
      locale,
      applied ? 1 : 0,
      u.userId,
    );
    return this.get(u.userId)!;
  }
}
