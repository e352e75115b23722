import { isIP } from 'node:net';
import {
  DEFAULT_EXCHANGE_RELEASE,
  EXCHANGE_RELEASES,
  type ExchangeRelease,
  isExchangeRelease,
} from '../ews/server-versions.ts';
import { type EwsTimeZone, resolveTimeZone, wallClockToUtc } from '../ews/time-zones.ts';
import type { Clock } from '../sim/clock.ts';
import type { IdGenerator } from '../sim/ids.ts';
import { isValidHostname } from '../sim/network.ts';
import { type AuthenticationSettings, authenticationSettings } from './auth/auth-settings.ts';
import { type Attendee, Calendar, type NewCalendarItem } from './calendar.ts';
import { calendarFolderName, isSupportedLocale } from './calendar-folder-names.ts';
import { wellKnownFolderCounter } from './folder-tree.ts';
import { MailboxIds } from './ids/mailbox-ids.ts';
import { configRecurrence } from './meeting-recurrence-config.ts';
import { MockExchangeError } from './mock-exchange-error.ts';
import type { AccountConfig, MailboxConfig, MeetingConfig, OrgConfig, ServerConfig } from './org-config.ts';
import type { Recurrence } from './recurrence.ts';
import { type ServerThrottling, serverThrottling } from './throttling/server-throttling.ts';

export interface ExchangeServer extends Omit<ServerConfig, 'authentication' | 'throttling'> {
  certificate: string;
  version: ExchangeRelease;
  authentication: AuthenticationSettings;
  throttling: ServerThrottling;
}

export interface Mailbox {
  address: string;
  displayName: string;
  homeServer: string;
  locale: string;
  /** The mailbox owner's time zone (OWA.UserOptions), as configured: a Windows id or an IANA name. */
  timeZone: string;
  /** The mailbox's GUID, store identity and counters: every id of its folders and items comes from here. */
  ids: MailboxIds;
  rootFolderId: string;
  calendarFolderId: string;
  calendarFolderName: string;
  calendar: Calendar;
}

export interface Account {
  user: string;
  password: string;
  impersonation: boolean | { servers: string[] };
  mailbox?: string;
}

/** The Exchange organization's state: servers, mailboxes with calendars, accounts. */
export class Organization {
  readonly domain: string;
  readonly servers = new Map<string, ExchangeServer>();
  readonly mailboxes = new Map<string, Mailbox>();
  readonly accounts = new Map<string, Account>();
  /** Mailboxes by GUID: every FolderId and ItemId names its mailbox so. */
  readonly #byGuid = new Map<string, Mailbox>();
  /** One clock reader shared by every mailbox's calendar. */
  readonly #now = () => this.clock.now();

  constructor(
    config: OrgConfig,
    readonly clock: Clock,
    readonly ids: IdGenerator,
  ) {
    if (typeof config !== 'object' || config === null)
      throw MockExchangeError.at('INVALID_CONFIG', 'config', 'must be an object');
    if (typeof config.domain !== 'string' || !isValidHostname(config.domain)) {
      throw MockExchangeError.at('INVALID_CONFIG', 'domain', `"${String(config.domain)}" is not a valid DNS domain`);
    }
    this.domain = config.domain.toLowerCase();
    requireArray(config.servers, 'servers');
    requireArray(config.accounts, 'accounts');
    requireArray(config.mailboxes, 'mailboxes');
    for (const [i, s] of config.servers.entries()) this.#addServer(s, `servers[${i}]`);
    for (const [i, m] of config.mailboxes.entries()) this.addMailbox(m, `mailboxes[${i}]`);
    for (const [i, a] of config.accounts.entries()) this.#addAccount(a, `accounts[${i}]`);
  }

  server(name: string): ExchangeServer | undefined {
    return this.servers.get(name);
  }

  /** An empty calendar whose items take this organization's ids and clock (a mailbox's, or a created folder's). */
  newCalendar(ids: MailboxIds, folderCounter: number): Calendar {
    return new Calendar(ids.calendarIds(folderCounter), this.#now);
  }

  mailbox(address: string): Mailbox | undefined {
    return this.mailboxes.get(address.trim().toLowerCase());
  }

  /** The mailbox whose GUID an EwsId carries. */
  mailboxByGuid(guid: string): Mailbox | undefined {
    return this.#byGuid.get(guid.toLowerCase());
  }

  /** Find an account by any of its logon forms: user, user@domain, DOMAIN\user. */
  account(logon: string): Account | undefined {
    const l = logon.trim().toLowerCase();
    const bare = l.includes('\\') ? l.slice(l.indexOf('\\') + 1) : l.endsWith(`@${this.domain}`) ? l.split('@')[0] : l;
    return bare === undefined ? undefined : this.accounts.get(bare);
  }

  /** Whether an account may impersonate a mailbox (ApplicationImpersonation, possibly scoped to servers). */
  canImpersonate(account: Account, mailbox: Mailbox): boolean {
    const rights = account.impersonation;
    if (rights === true) return true;
    if (rights === false) return false;
    return rights.servers.includes(mailbox.homeServer);
  }

  addMailbox(config: MailboxConfig, path = 'mailbox'): Mailbox {
    if (typeof config?.address !== 'string' || !/^[^@\s]+@[^@\s]+$/.test(config.address)) {
      throw MockExchangeError.at(
        'INVALID_CONFIG',
        `${path}.address`,
        `"${String(config?.address)}" is not an SMTP address`,
      );
    }
    const address = config.address.toLowerCase();
    if (this.mailboxes.has(address))
      throw MockExchangeError.at('INVALID_CONFIG', `${path}.address`, `duplicate mailbox "${address}"`);
    if (!this.servers.has(config.server)) {
      throw MockExchangeError.at(
        'INVALID_CONFIG',
        `${path}.server`,
        `unknown server "${String(config.server)}"; known: ${[...this.servers.keys()].join(', ')}`,
      );
    }
    const locale = config.locale ?? 'en_US';
    if (!isSupportedLocale(locale))
      throw MockExchangeError.at('INVALID_CONFIG', `${path}.locale`, `unsupported locale "${locale}"`);
    const timeZone = config.timeZone ?? 'UTC';
    if (typeof timeZone !== 'string' || !resolveTimeZone(timeZone).known)
      throw MockExchangeError.at('INVALID_CONFIG', `${path}.timeZone`, `unknown time zone "${String(timeZone)}"`);
    const ids = new MailboxIds(this.ids.seed, address);
    const calendarCounter = wellKnownFolderCounter('calendar');
    const calendar = this.newCalendar(ids, calendarCounter);
    const local = address.split('@')[0] ?? address;
    const mailbox: Mailbox = {
      address,
      displayName: config.displayName ?? local.charAt(0).toUpperCase() + local.slice(1),
      homeServer: config.server,
      locale,
      timeZone,
      ids,
      rootFolderId: ids.folderId(wellKnownFolderCounter('msgfolderroot')),
      calendarFolderId: ids.folderId(calendarCounter),
      calendarFolderName: calendarFolderName(locale),
      calendar,
    };
    for (const [i, m] of (config.meetings ?? []).entries()) {
      try {
        calendar.create(this.meetingToItem(m, `${path}.meetings[${i}]`, timeZone));
      } catch (err) {
        if (err instanceof MockExchangeError && err.code === 'INVALID_MEETING')
          throw MockExchangeError.at('INVALID_CONFIG', `${path}.meetings[${i}]`, err.message);
        throw err;
      }
    }
    this.mailboxes.set(address, mailbox);
    this.#byGuid.set(ids.guid, mailbox);
    return mailbox;
  }

  attendee(address: string): Attendee {
    const mbx = this.mailbox(address);
    return { name: mbx?.displayName ?? address, address: mbx?.address ?? address };
  }

  /** A configured meeting as an item; times without an offset are wall clock in `zone` (the mailbox's). */
  meetingToItem(m: MeetingConfig, path: string, zone = 'UTC'): NewCalendarItem {
    if (typeof m?.subject !== 'string') throw MockExchangeError.at('INVALID_CONFIG', `${path}.subject`, 'is required');
    const ewsZone = resolveTimeZone(zone);
    const parseDate = (value: unknown, at: string) => parseConfigDate(value, at, ewsZone);
    const start = parseDate(m.start, `${path}.start`);
    const end = parseDate(m.end, `${path}.end`);
    let recurrence: Recurrence | undefined;
    if (m.recurrence) {
      const r = m.recurrence;
      const at = `${path}.recurrence`;
      const interval = r.interval ?? 1;
      if (typeof interval !== 'number' || !Number.isInteger(interval) || interval < 1)
        throw MockExchangeError.at(
          'INVALID_CONFIG',
          `${at}.interval`,
          `${JSON.stringify(interval)} is not a positive whole number`,
        );
      if (r.occurrences !== undefined && (!Number.isInteger(r.occurrences) || r.occurrences < 1))
        throw MockExchangeError.at(
          'INVALID_CONFIG',
          `${at}.occurrences`,
          `${JSON.stringify(r.occurrences)} is not a positive whole number`,
        );
      const range = {
        interval,
        occurrences: r.occurrences,
        until: r.until === undefined ? undefined : parseDate(r.until, `${at}.until`),
        ...(zone === 'UTC' ? {} : { timeZone: zone }),
      };
      recurrence = configRecurrence(r, range, at);
    }
    return {
      subject: m.subject,
      start,
      end,
      freeBusy: m.freeBusy,
      allDay: m.allDay,
      location: m.location,
      organizer: m.organizer ? this.attendee(m.organizer) : undefined,
      requiredAttendees: (m.attendees ?? []).map((a) => this.attendee(a)),
      recurrence,
    };
  }

  #addServer(s: ServerConfig, path: string): void {
    if (typeof s?.name !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9-]*$/.test(s.name)) {
      throw MockExchangeError.at('INVALID_CONFIG', `${path}.name`, `"${String(s?.name)}" is not a valid server name`);
    }
    if (this.servers.has(s.name))
      throw MockExchangeError.at('INVALID_CONFIG', `${path}.name`, `duplicate server "${s.name}"`);
    if (typeof s.fqdn !== 'string' || !isValidHostname(s.fqdn)) {
      throw MockExchangeError.at('INVALID_CONFIG', `${path}.fqdn`, `"${String(s.fqdn)}" is not a valid host name`);
    }
    if (typeof s.ip !== 'string' || isIP(s.ip) !== 4 || !s.ip.startsWith('127.')) {
      throw MockExchangeError.at(
        'INVALID_CONFIG',
        `${path}.ip`,
        `"${String(s.ip)}" must be an IPv4 address on 127.0.0.0/8`,
      );
    }
    const port = s.port ?? 443;
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      throw MockExchangeError.at('INVALID_CONFIG', `${path}.port`, `${String(s.port)} is not a TCP port (0-65535)`);
    }
    const version = s.version ?? DEFAULT_EXCHANGE_RELEASE;
    if (!isExchangeRelease(version)) {
      throw MockExchangeError.at(
        'INVALID_CONFIG',
        `${path}.version`,
        `"${String(version)}" is not one of ${EXCHANGE_RELEASES.join(', ')}`,
      );
    }
    try {
      const authentication = authenticationSettings(s.authentication, `${path}.authentication`);
      const throttling = serverThrottling(s.throttling, version, `${path}.throttling`);
      this.servers.set(s.name, {
        ...s,
        fqdn: s.fqdn.toLowerCase(),
        port,
        certificate: s.certificate ?? 'valid',
        version,
        authentication,
        throttling,
      });
    } catch (err) {
      if (err instanceof MockExchangeError && err.code === 'INVALID_VALUE' && err.field)
        throw MockExchangeError.at('INVALID_CONFIG', err.field, err.problem);
      throw err;
    }
  }

  #addAccount(a: AccountConfig, path: string): void {
    if (typeof a?.user !== 'string' || a.user.trim() === '')
      throw MockExchangeError.at('INVALID_CONFIG', `${path}.user`, 'is required');
    if (typeof a.password !== 'string') throw MockExchangeError.at('INVALID_CONFIG', `${path}.password`, 'is required');
    const imp = a.impersonation ?? false;
    if (typeof imp === 'object') {
      for (const s of imp.servers ?? []) {
        if (!this.servers.has(s))
          throw MockExchangeError.at('INVALID_CONFIG', `${path}.impersonation.servers`, `unknown server "${s}"`);
      }
    }
    if (a.mailbox && !this.mailbox(a.mailbox))
      throw MockExchangeError.at('INVALID_CONFIG', `${path}.mailbox`, `unknown mailbox "${a.mailbox}"`);
    const user = a.user.trim().toLowerCase();
    this.accounts.set(user, { user, password: a.password, impersonation: imp, mailbox: a.mailbox?.toLowerCase() });
  }
}

function requireArray(v: unknown, path: string): asserts v is unknown[] {
  if (!Array.isArray(v)) throw MockExchangeError.at('INVALID_CONFIG', path, 'must be a list');
}

function parseConfigDate(value: unknown, path: string, zone: EwsTimeZone): number {
  const wall = typeof value === 'string' ? wallClockToUtc(value, zone) : undefined;
  const t = wall ?? (typeof value === 'string' ? Date.parse(value) : Number.NaN);
  if (!Number.isFinite(t))
    throw MockExchangeError.at('INVALID_CONFIG', path, `"${String(value)}" is not an ISO 8601 date-time`);
  return t;
}
