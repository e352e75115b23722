import type { Clock } from '../../sim/clock.ts';
import { EWS_AUTH_METHODS, type EwsAuthMethod, isEwsAuthMethod } from '../ews-client/ntlm-handshake.ts';
import { GatewayError } from '../gateway-error.ts';
import type { ConfigDatabase } from './config-database.ts';
import { validateGatewayHost, validatePort } from './host-value.ts';

export const EWS_GATEWAY_TYPE = 'Exchange - EWS Server';

/** A row of pebackendgateway, as the API shows it. */
export interface PresenceGateway {
  id: string;
  type: string;
  description: string;
  host: string;
  port: number;
  order: number;
  localecalendarname: string;
  /** How calendars are watched through this gateway: EWS push (IM&P), pull (Office 365 style) or streaming. */
  mode: SubscriptionMode;
}

export type SubscriptionMode = 'push' | 'pull' | 'streaming';

interface GatewayRow {
  pkid: string;
  type: string;
  description: string;
  presencegateway: string;
  port: number;
  priority: number;
  localecalendarname: string;
  subscriptionmode: SubscriptionMode;
}

const toGateway = (r: GatewayRow): PresenceGateway => ({
  id: r.pkid,
  type: r.type,
  description: r.description,
  host: r.presencegateway,
  port: r.port,
  order: r.priority,
  localecalendarname: r.localecalendarname,
  mode: r.subscriptionmode,
});

export interface GatewayInput {
  host: string;
  port?: number | string;
  description?: string;
  mode?: SubscriptionMode;
}

export interface GatewayAccount {
  accountName: string;
  password: string;
  authMethod: EwsAuthMethod;
}

/** Presence Gateway entries and the impersonation account all EWS gateways share. */
/** The Description field: text, at most 128 characters; absent keeps `fallback`. */
function validateDescription(raw: unknown, fallback: string): string {
  if (raw === undefined || raw === null) return fallback;
  if (typeof raw !== 'string') throw new GatewayError('INVALID_VALUE', 'Description must be text', 'description');
  if (raw.length > 128)
    throw new GatewayError('INVALID_VALUE', `Description is ${raw.length} characters; at most 128`, 'description');
  return raw;
}

export class GatewayStore {
  constructor(
    readonly db: ConfigDatabase,
    readonly clock: Clock,
  ) {}

  list(): PresenceGateway[] {
    return this.db.all<GatewayRow>('SELECT * FROM pebackendgateway ORDER BY priority, created_at').map(toGateway);
  }

  /** Find by id, or by host (optionally host:port). */
  find(ref: string): PresenceGateway | undefined {
    const all = this.list();
    const byId = all.find((g) => g.id === ref);
    if (byId) return byId;
    const [host, port] = ref.toLowerCase().split(':');
    const matches = all.filter((g) => g.host === host && (port === undefined || g.port === Number(port)));
    return matches.length === 1 ? matches[0] : undefined;
  }

  require(ref: string): PresenceGateway {
    const g = this.find(ref);
    if (!g) throw new GatewayError('UNKNOWN_GATEWAY', `No Presence Gateway "${ref}"`, 'gateway');
    return g;
  }

  /**
   * Add an EWS gateway. Its localecalendarname is fixed now, from the locale active on the node, and
   * never changes afterwards (that is how IM&P behaves).
   */
  add(input: GatewayInput, localeCalendarName: string): PresenceGateway {
    const host = validateGatewayHost(input.host);
    const port = input.port === undefined ? 443 : validatePort(input.port);
    const description = validateDescription(input.description, '');
    const mode = validateMode(input.mode ?? 'push');
    return this.db.transaction(() => {
      this.#refuseDuplicate(host, port);
      const order = (this.db.get<{ n: number | null }>('SELECT MAX(priority) AS n FROM pebackendgateway')?.n ?? 0) + 1;
      const id = `gw-${order}-${host}`;
      this.db.run(
        'INSERT INTO pebackendgateway (pkid, type, description, presencegateway, port, priority, localecalendarname, created_at, subscriptionmode) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
        id,
        EWS_GATEWAY_TYPE,
        description,
        host,
        port,
        order,
        localeCalendarName,
        new Date(this.clock.now()).toISOString(),
        mode,
      );
      this.db.bumpGeneration();
      return this.require(id);
    });
  }

  update(ref: string, patch: Partial<GatewayInput>): PresenceGateway {
    const current = this.require(ref);
    const host = patch.host === undefined ? current.host : validateGatewayHost(patch.host);
    const port = patch.port === undefined ? current.port : validatePort(patch.port);
    const description = validateDescription(patch.description, current.description);
    const mode = patch.mode === undefined ? current.mode : validateMode(patch.mode);
    return this.db.transaction(() => {
      if (host !== current.host || port !== current.port) this.#refuseDuplicate(host, port, current.id);
      this.db.run(
        'UPDATE pebackendgateway SET presencegateway = ?, port = ?, description = ?, subscriptionmode = ? WHERE pkid = ?',
        host,
        port,
        description,
        mode,
        current.id,
      );
      this.db.bumpGeneration();
      return this.require(current.id);
    });
  }

  delete(ref: string): PresenceGateway {
    const current = this.require(ref);
    this.db.transaction(() => {
      this.db.run('DELETE FROM pebackendgateway WHERE pkid = ?', current.id);
      this.db.bumpGeneration();
    });
    return current;
  }

  account(): GatewayAccount | undefined {
    const row = this.db.get<{ accountname: string; password: string; authmethod: EwsAuthMethod }>(
      'SELECT accountname, password, authmethod FROM pegatewayaccount WHERE id = 1',
    );
    if (!row) return undefined;
    return {
      accountName: row.accountname,
      password: this.db.secrets.decrypt(row.password),
      authMethod: row.authmethod,
    };
  }

  /** Set the impersonation account; it is shared by every EWS gateway, so changing it changes all. */
  setAccount(accountName: string, password: string, authMethod?: unknown): void {
    if (typeof accountName !== 'string' || accountName.trim() === '') {
      throw new GatewayError('INVALID_VALUE', 'Account Name is required', 'accountName');
    }
    if (typeof password !== 'string' || password === '')
      throw new GatewayError('INVALID_VALUE', 'Account Password is required', 'password');
    if (authMethod !== undefined && !isEwsAuthMethod(authMethod)) {
      throw new GatewayError(
        'INVALID_VALUE',
        `Authentication Method "${String(authMethod).slice(0, 40)}" must be one of ${EWS_AUTH_METHODS.join(', ')}`,
        'authMethod',
      );
    }
    const method = authMethod ?? this.account()?.authMethod ?? 'Basic';
    this.db.transaction(() => {
      this.db.run(
        'INSERT INTO pegatewayaccount (id, accountname, password, authmethod) VALUES (1, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET accountname = excluded.accountname, password = excluded.password, authmethod = excluded.authmethod',
        accountName.trim(),
        this.db.secrets.encrypt(password),
        method,
      );
      this.db.bumpGeneration();
    });
  }

  #refuseDuplicate(host: string, port: number, exceptId?: string): void {
    const dup = this.db.get<{ pkid: string }>(
      'SELECT pkid FROM pebackendgateway WHERE presencegateway = ? AND port = ? AND pkid != ?',
      host,
      port,
      exceptId ?? '',
    );
    if (dup)
      throw new GatewayError(
        'DUPLICATE_GATEWAY',
        `A Presence Gateway ${host}:${port} already exists (${dup.pkid})`,
        'host',
      );
  }
}

function validateMode(mode: unknown): SubscriptionMode {
  if (mode === 'push' || mode === 'pull' || mode === 'streaming') return mode;
  throw new GatewayError(
    'INVALID_VALUE',
    `Subscription mode must be push, pull or streaming, got "${String(mode)}"`,
    'mode',
  );
}
