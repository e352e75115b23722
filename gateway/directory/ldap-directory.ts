import type { ConfigDatabase } from '../config/config-database.ts';
import { hashPassword, isPasswordHash, verifyPassword } from '../config/password-hash.ts';
import { GatewayError } from '../gateway-error.ts';

export interface LdapUser {
  userId: string;
  mail: string;
  displayName: string;
}

/** The corporate LDAP directory: users, their attributes and passwords; it can be made unreachable. */
export class LdapDirectory {
  constructor(readonly db: ConfigDatabase) {}

  get reachable(): boolean {
    return (
      this.db.get<{ value: string }>("SELECT value FROM nodesetting WHERE name = 'ldap_reachable'")?.value !== 'false'
    );
  }

  setReachable(reachable: boolean): void {
    this.db.run("UPDATE nodesetting SET value = ? WHERE name = 'ldap_reachable'", reachable ? 'true' : 'false');
  }

  list(): LdapUser[] {
    return this.db
      .all<{ userid: string; mail: string; displayname: string }>(
        'SELECT userid, mail, displayname FROM ldapuser ORDER BY userid',
      )
      .map((r) => ({
        userId: r.userid,
        mail: r.mail,
        displayName: r.displayname,
      }));
  }

  get(userId: string): LdapUser | undefined {
    const r = this.db.get<{ userid: string; mail: string; displayname: string }>(
      'SELECT userid, mail, displayname FROM ldapuser WHERE userid = ?',
      userId,
    );
    return r ? { userId: r.userid, mail: r.mail, displayName: r.displayname } : undefined;
  }

  /**
   * Add a user with a password, or with a password hash already made (hashPassword): a lab provisioning thousands
   * of users with one password hashes it once rather than paying scrypt's 50 ms per user.
   */
  add(user: LdapUser & ({ password: string } | { passwordHash: string })): LdapUser {
    if (!/^[A-Za-z0-9._-]{1,64}$/.test(user.userId ?? ''))
      throw new GatewayError('INVALID_VALUE', `LDAP user id "${String(user.userId)}" is not valid`, 'userId');
    if (!/^[^@\s]+@[^@\s]+$/.test(user.mail ?? ''))
      throw new GatewayError('INVALID_VALUE', `LDAP mail "${String(user.mail)}" is not an email address`, 'mail');
    if (this.get(user.userId))
      throw new GatewayError('INVALID_VALUE', `LDAP user "${user.userId}" already exists`, 'userId');
    if ('passwordHash' in user && !isPasswordHash(user.passwordHash))
      throw new GatewayError(
        'INVALID_VALUE',
        `LDAP user "${user.userId}": passwordHash is not a password hash`,
        'password',
      );
    const stored =
      'passwordHash' in user
        ? user.passwordHash
        : typeof user.password === 'string' && user.password !== ''
          ? hashPassword(user.password)
          : '';
    this.db.run(
      'INSERT INTO ldapuser (userid, mail, displayname, password) VALUES (?, ?, ?, ?)',
      user.userId,
      user.mail.toLowerCase(),
      user.displayName ?? user.userId,
      stored,
    );
    return this.get(user.userId)!;
  }

  delete(userId: string): LdapUser {
    const u = this.get(userId);
    if (!u) throw new GatewayError('INVALID_VALUE', `No LDAP user "${userId}"`, 'user');
    this.db.run('DELETE FROM ldapuser WHERE userid = ?', u.userId);
    return u;
  }

  /** Directory authentication, as client logins use it: fails when the user is gone or LDAP is down. */
  authenticate(userId: string, password: string): boolean {
    if (!this.reachable) return false;
    const row = this.db.get<{ password: string }>('SELECT password FROM ldapuser WHERE userid = ?', userId);
    return row !== undefined && verifyPassword(password, row.password);
  }
}
