import { GatewayError } from '../gateway-error.ts';
import type { ConfigDatabase } from './config-database.ts';
import { hashPassword, verifyPassword } from './password-hash.ts';

/** An end user as the node sees them: IM&P enablement, meeting information, license, mailbox. */
export interface EndUser {
  userId: string;
  mailbox: string;
  displayName: string;
  impEnabled: boolean;
  /** "Include meeting information in presence". */
  calendaring: boolean;
  licensed: boolean;
  locale: string;
}

interface Row {
  userid: string;
  mailid: string;
  displayname: string;
  imp_enabled: number;
  calendaring: number;
  licensed: number;
  locale: string;
  password: string;
}

const toUser = (r: Row): EndUser => ({
  userId: r.userid,
  mailbox: r.mailid,
  displayName: r.displayname,
  impEnabled: r.imp_enabled === 1,
  calendaring: r.calendaring === 1,
  licensed: r.licensed === 1,
  locale: r.locale,
});

export interface UserInput {
  userId: string;
  mailbox: string;
  displayName?: string;
  password?: string;
  impEnabled?: boolean;
  calendaring?: boolean;
  licensed?: boolean;
  locale?: string;
}

/** What the enduser table keeps of a password: a scrypt hash, or '' for none (no local login). */
function storedPassword(password: unknown): string {
  if (password === undefined || password === '') return '';
  if (typeof password !== 'string') throw new GatewayError('INVALID_VALUE', 'Password must be a string', 'password');
  return hashPassword(password);
}

const USER_ID = /^[A-Za-z0-9._-]{1,64}$/;
const MAILBOX = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** End users (enduser table). Calendaring changes take effect at once on the running engine. */
export class UserStore {
  readonly #listeners = new Set<(userId: string) => void>();

  constructor(readonly db: ConfigDatabase) {}

  /** Called with a user id after every change to that user. */
  onChange(listener: (userId: string) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  list(): EndUser[] {
    return this.db.all<Row>('SELECT * FROM enduser ORDER BY userid').map(toUser);
  }

  get(userId: string): EndUser | undefined {
    const row = this.db.get<Row>('SELECT * FROM enduser WHERE userid = ? COLLATE NOCASE', userId);
    return row ? toUser(row) : undefined;
  }

  require(userId: string): EndUser {
    const u = this.get(userId);
    if (!u) throw new GatewayError('INVALID_VALUE', `No end user "${userId}"`, 'user');
    return u;
  }

  #authenticator:
    | ((userId: string, password: string, local: () => EndUser | undefined) => EndUser | undefined)
    | undefined;

  /** Route client logins through the directory (LDAP authentication for synced users). */
  setAuthenticator(
    fn: (userId: string, password: string, local: () => EndUser | undefined) => EndUser | undefined,
  ): void {
    this.#authenticator = fn;
  }

  /** Password check for client logins: the directory's when one is set, else the local password. */
  authenticate(userId: string, password: string): EndUser | undefined {
    const local = () => this.#localAuthenticate(userId, password);
    return this.#authenticator ? this.#authenticator(userId, password, local) : local();
  }

  #localAuthenticate(userId: string, password: string): EndUser | undefined {
    const row = this.db.get<Row>('SELECT * FROM enduser WHERE userid = ? COLLATE NOCASE', userId);
    return row && verifyPassword(password, row.password) ? toUser(row) : undefined;
  }

  add(input: UserInput): EndUser {
    if (typeof input.userId !== 'string' || !USER_ID.test(input.userId)) {
      throw new GatewayError(
        'INVALID_VALUE',
        `User ID "${String(input.userId)}" must be 1-64 letters, digits, dots, dashes or underscores`,
        'userId',
      );
    }
    if (typeof input.mailbox !== 'string' || !MAILBOX.test(input.mailbox)) {
      throw new GatewayError('INVALID_VALUE', `Mail ID "${String(input.mailbox)}" is not an email address`, 'mailbox');
    }
    if (this.get(input.userId))
      throw new GatewayError('INVALID_VALUE', `End user "${input.userId}" already exists`, 'userId');
    this.db.run(
      'INSERT INTO enduser (userid, mailid, displayname, imp_enabled, calendaring, licensed, locale, password) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      input.userId,
      input.mailbox.toLowerCase(),
      input.displayName ?? input.userId,
      input.impEnabled === false ? 0 : 1,
      input.calendaring === false ? 0 : 1,
      input.licensed === false ? 0 : 1,
      input.locale ?? 'en_US',
      storedPassword(input.password),
    );
    this.#changed(input.userId);
    return this.require(input.userId);
  }

  update(userId: string, patch: Partial<Omit<UserInput, 'userId'>>): EndUser {
    const u = this.require(userId);
    if (patch.mailbox !== undefined && !MAILBOX.test(patch.mailbox)) {
      throw new GatewayError('INVALID_VALUE', `Mail ID "${patch.mailbox}" is not an email address`, 'mailbox');
    }
    const sets: string[] = [];
    const values: unknown[] = [];
    const put = (col: string, v: unknown) => {
      sets.push(`${col} = ?`);
      values.push(v);
    };
    if (patch.mailbox !== undefined) put('mailid', patch.mailbox.toLowerCase());
    if (patch.displayName !== undefined) put('displayname', patch.displayName);
    if (patch.password !== undefined) put('password', storedPassword(patch.password));
    if (patch.impEnabled !== undefined) put('imp_enabled', patch.impEnabled ? 1 : 0);
    if (patch.calendaring !== undefined) put('calendaring', patch.calendaring ? 1 : 0);
    if (patch.licensed !== undefined) put('licensed', patch.licensed ? 1 : 0);
    if (patch.locale !== undefined) put('locale', patch.locale);
    if (sets.length > 0) this.db.run(`UPDATE enduser SET ${sets.join(', ')} WHERE userid = ?`, ...values, u.userId);
    this.#changed(u.userId);
    return this.require(u.userId);
  }

  delete(userId: string): EndUser {
    const u = this.require(userId);
    this.db.run('DELETE FROM enduser WHERE userid = ?', u.userId);
    this.#changed(u.userId);
    return u;
  }

  #changed(userId: string): void {
    for (const l of this.#listeners) l(userId);
  }
}
