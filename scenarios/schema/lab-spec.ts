import { EXCHANGE_RELEASES } from '../../ews/server-versions.ts';
import { EWS_AUTH_METHODS } from '../../gateway/ews-client/ntlm-handshake.ts';
import { LOCALE_CALENDAR_WORDS } from '../../gateway/locale-packs.ts';
import { RELEASE_NAMES } from '../../gateway/releases/release-profiles.ts';
import { AUTH_METHODS, NTLM_RESPONSES } from '../../mock-exchange/auth/auth-settings.ts';
import { LEGACY_FREE_BUSY } from '../../mock-exchange/calendar.ts';
import { PROFILE_NAMES } from '../../mock-exchange/certs/profiles/index.ts';
import { DURATION, INSTANT } from '../sim-time.ts';
import { type Infer, t } from './spec.ts';

export const timeSpec = () => t.string().pattern(INSTANT, '09:00, 09:00:50 or 2030-05-06T09:00:00Z');
export const durationSpec = () => t.string().pattern(DURATION, '90s, 10m or 1h30m');
export const IPV4 = /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;
export const NODE_LOCALES = Object.keys(LOCALE_CALENDAR_WORDS);
export const TRUST_SOURCES = ['exchange-root', 'exchange-ca', 'exchange-certificate'] as const;

export const meetingSpec = t.object({
  subject: t.string(),
  start: timeSpec(),
  end: timeSpec(),
  freeBusy: t.optional(t.oneOf(LEGACY_FREE_BUSY).describe('LegacyFreeBusyStatus (default Busy)')),
  allDay: t.optional(t.boolean()),
  location: t.optional(t.string()),
  recurrence: t.optional(t.any('a recurrence as in mock-exchange/org-config.ts')),
});

const serverSpec = t.object({
  name: t
    .string()
    .pattern(/^[a-z][a-z0-9-]*$/, 'ex1')
    .ref('server', true),
  fqdn: t.optional(t.string().describe('default: <name>.<domain>')),
  ip: t.optional(t.string().pattern(IPV4, '127.0.10.1').describe('default: 127.0.10.<n>')),
  certificate: t.optional(t.oneOf(PROFILE_NAMES).describe('certificate profile (default valid)')),
  faults: t.optional(t.array(t.any('a fault { type, ...attributes }'))),
  version: t.optional(t.oneOf(EXCHANGE_RELEASES).describe('Exchange release (default 2019)')),
  authentication: t.optional(
    t.object({
      methods: t.optional(t.array(t.oneOf(AUTH_METHODS)).describe('what IIS offers on /EWS (default all three)')),
      ntlm: t.optional(t.array(t.oneOf(NTLM_RESPONSES)).describe('NTLM responses accepted (default both)')),
    }),
  ),
  throttling: t.optional(
    t.any('EWS throttling policy { EWSMaxConcurrency, EWSMaxSubscriptions, EWSFindCountLimit, ... }'),
  ),
});

const mailboxSpec = t.object({
  address: t.string().pattern(/^[^@\s]+@[^@\s]+$/, 'alice@example.test'),
  displayName: t.optional(t.string()),
  server: t.string().ref('server'),
  locale: t.optional(t.string().describe('mailbox locale, e.g. de_DE: decides the calendar folder name')),
  meetings: t.optional(t.array(meetingSpec)),
});

const hostSpec = t.object({
  name: t.string(),
  ip: t.string().pattern(IPV4, '127.0.10.9'),
  up: t.optional(t.boolean()),
});

export const gatewaySpec = t.object({
  name: t.string().ref('gateway', true).describe('what steps call this gateway'),
  server: t.string().ref('server'),
  host: t.optional(t.string().describe('Presence Gateway value: "fqdn" (default), "ip", or a literal host')),
  port: t.optional(t.int(1, 65535).describe("default: the server's port")),
});

export const trustSpec = t.object({
  from: t
    .oneOf(TRUST_SOURCES)
    .describe(
      'exchange-root: the organization root CA; exchange-ca: the CA files a server exports; exchange-certificate: its own certificate',
    ),
  server: t.optional(t.string().ref('server')),
  store: t.optional(t.oneOf(['cup-trust', 'tomcat-trust'] as const)),
});

const userSpec = t.object({
  id: t.string().ref('user', true),
  mailbox: t.string().ref('mailbox'),
  displayName: t.optional(t.string()),
  impEnabled: t.optional(t.boolean()),
  calendaring: t.optional(t.boolean().describe('include meeting information in presence (default true)')),
  licensed: t.optional(t.boolean()),
  locale: t.optional(t.string()),
});

const impSpec = t.object({
  release: t.optional(
    t.oneOf(RELEASE_NAMES).describe('the IM and Presence release the node runs (default the newest)'),
  ),
  locale: t.optional(t.oneOf(NODE_LOCALES).describe('locale active on the node when the gateways are added')),
  gateways: t.optional(t.array(gatewaySpec).describe('default: one per server, named after it, by FQDN')),
  trust: t.optional(t.array(trustSpec).describe('default: the organization root CA in cup-trust')),
  parameters: t.optional(t.record(t.union(t.int(), t.boolean())).describe('Presence Engine service parameters')),
  users: t.optional(t.array(userSpec).describe('default: one per mailbox, id = the local part')),
  engine: t.optional(t.oneOf(['running', 'stopped'] as const)),
  account: t.optional(
    t.object({
      auth: t.oneOf(EWS_AUTH_METHODS).describe('how the impersonation account authenticates (default Basic)'),
    }),
  ),
});

const loadSpec = t.object({
  release: t.optional(t.oneOf(RELEASE_NAMES).describe('the release whose limits apply (default imp.release)')),
  users: t.int(1, 50_000),
  subscribing: t.int(0, 100).describe('percent of users with calendaring enabled'),
  transitions: t.int(0, 100).describe('percent of users whose meeting starts at the same minute'),
  server: t.optional(t.string().ref('server')),
  meeting: t.object({ start: timeSpec(), end: timeSpec() }),
});

export const labSpec = t.object({
  start: t.string().pattern(INSTANT, '2030-05-06T08:00:00Z').describe('virtual clock start (ISO 8601)'),
  seed: t.optional(t.string()),
  exchange: t.object({
    domain: t.optional(t.string()),
    servers: t.array(serverSpec, 1),
    mailboxes: t.optional(t.array(mailboxSpec)),
  }),
  network: t.optional(t.object({ hosts: t.array(hostSpec) })),
  imp: t.optional(impSpec),
  load: t.optional(loadSpec),
});

export type LabSpec = Infer<typeof labSpec>;
export type MeetingSpec = Infer<typeof meetingSpec>;
export type GatewaySpec = Infer<typeof gatewaySpec>;
export type TrustSpec = Infer<typeof trustSpec>;
