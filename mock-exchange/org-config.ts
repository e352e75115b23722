import type { ExchangeRelease } from '../ews/server-versions.ts';
import type { AuthenticationConfig } from './auth/auth-settings.ts';
import type { LegacyFreeBusyStatus } from './calendar.ts';
import type { RecurrenceConfig } from './meeting-recurrence-config.ts';
import type { ServerThrottlingConfig } from './throttling/server-throttling.ts';

/** The organization as data: what `pgsim mock-exchange --config FILE` reads (JSON). */
export interface OrgConfig {
  /** SMTP / DNS domain of the organization. */
  domain: string;
  /** Seed for every id, watermark and key choice; without one, subscription ids are random on every run. */
  seed?: string;
  servers: ServerConfig[];
  accounts: AccountConfig[];
  mailboxes: MailboxConfig[];
  /**
   * A folder holding Microsoft's Services.wsdl, messages.xsd and types.xsd, served at /EWS/ instead of the
   * description generated from the operations (relative paths: from the working directory).
   */
  ewsSchema?: string;
}

export interface ServerConfig {
  name: string;
  fqdn: string;
  /** An IPv4 address on 127.0.0.0/8. */
  ip: string;
  /** TCP port; 0 picks a free one. */
  port: number;
  /** Certificate profile name (see mock-exchange/certs). */
  certificate?: string;
  /** Faults active from the start, each `{ type, ...attributes }` (see mock-exchange/faults). */
  faults?: { type: string; [attribute: string]: unknown }[];
  /** Exchange release: "2010-SP2", "2013", "2016" or "2019" (default). */
  version?: ExchangeRelease;
  /** The methods IIS offers on /EWS (default: Negotiate, NTLM and Basic; NTLMv1 and NTLMv2). */
  authentication?: AuthenticationConfig;
  /** The EWS throttling policy every account meets on this server (defaults: the release's GlobalThrottlingPolicy). */
  throttling?: ServerThrottlingConfig;
}

export interface AccountConfig {
  /** Logon name: "svc-imp"; also accepted as user@domain and DOMAIN\\user. */
  user: string;
  password: string;
  /** ApplicationImpersonation: true for all mailboxes, or a list of servers (a management scope). */
  impersonation?: boolean | { servers: string[] };
  /** The account's own mailbox, when it has one. */
  mailbox?: string;
}

export interface MailboxConfig {
  address: string;
  displayName?: string;
  server: string;
  /** Locale tag such as en_US or de_DE; decides the calendar folder's name. */
  locale?: string;
  /** Windows time zone id (as Exchange names it, "W. Europe Standard Time") or an IANA name; default UTC. */
  timeZone?: string;
  meetings?: MeetingConfig[];
}

export interface MeetingConfig {
  subject: string;
  /** ISO 8601 date-time. */
  start: string;
  end: string;
  freeBusy?: LegacyFreeBusyStatus;
  allDay?: boolean;
  location?: string;
  organizer?: string;
  attendees?: string[];
  /** Daily, weekly, absolute/relative monthly and yearly, as mock-exchange/meeting-recurrence-config.ts reads them. */
  recurrence?: RecurrenceConfig;
}
