import type { EwsAuthMethod } from '../../gateway/ews-client/ntlm-handshake.ts';
import type { MailboxConfig, MeetingConfig, OrgConfig } from '../../mock-exchange/org-config.ts';
import type { GatewaySpec, LabSpec, MeetingSpec, TrustSpec } from '../schema/lab-spec.ts';
import { parseInstant } from '../sim-time.ts';

/** The IM&P service account every scenario lab gets (ApplicationImpersonation on all mailboxes). */
export const SERVICE_ACCOUNT = { user: 'svc-imp', password: 'Imp-Passw0rd' } as const;
export const USER_PASSWORD = 'cisco';

export interface PlannedUser {
  id: string;
  mailbox: string;
  displayName?: string;
  impEnabled: boolean;
  calendaring: boolean;
  licensed: boolean;
  locale?: string;
}

export interface LoadPlan {
  users: string[];
  subscribing: string[];
  transitioning: string[];
  meetingStart: number;
}

/** Everything the runner builds, resolved from a scenario's `lab` with its defaults filled in. */
export interface LabPlan {
  start: number;
  seed: string;
  org: OrgConfig;
  hosts: { name: string; ip: string; up: boolean }[];
  imp: {
    release: string | undefined;
    locale: string | undefined;
    gateways: GatewaySpec[];
    trust: TrustSpec[];
    parameters: Record<string, number | boolean>;
    users: PlannedUser[];
    engine: 'running' | 'stopped';
    accountAuth: EwsAuthMethod;
  };
  load: LoadPlan | undefined;
}

export function planLab(spec: LabSpec, id: string): LabPlan {
  const start = parseInstant(spec.start, 0);
  const domain = spec.exchange.domain ?? 'example.test';
  const servers = spec.exchange.servers.map((s, i) => ({
    name: s.name,
    fqdn: s.fqdn ?? `${s.name}.${domain}`,
    ip: s.ip ?? `127.0.10.${i + 1}`,
    port: 0,
    certificate: s.certificate,
    faults: s.faults as OrgConfig['servers'][number]['faults'],
    version: s.version,
    authentication: s.authentication,
    throttling: s.throttling as OrgConfig['servers'][number]['throttling'],
  }));
  const mailboxes: MailboxConfig[] = (spec.exchange.mailboxes ?? []).map((m) => ({
    address: m.address,
    displayName: m.displayName,
    server: m.server,
    locale: m.locale,
    meetings: (m.meetings ?? []).map((mt) => meetingConfig(mt, start)),
  }));
  const load = spec.load && planLoad(spec.load, start, domain, servers[0]?.name ?? '', mailboxes);
  const subscribing = new Set(load?.subscribing);
  const users: PlannedUser[] = spec.imp?.users
    ? spec.imp.users.map((u) => ({
        id: u.id,
        mailbox: u.mailbox,
        displayName: u.displayName,
        impEnabled: u.impEnabled ?? true,
        calendaring: u.calendaring ?? true,
        licensed: u.licensed ?? true,
        locale: u.locale,
      }))
    : mailboxes.map((m) => ({
        id: localPart(m.address),
        mailbox: m.address,
        displayName: m.displayName,
        impEnabled: true,
        calendaring: load ? subscribing.has(localPart(m.address)) : true,
        licensed: true,
      }));
  return {
    start,
    seed: spec.seed ?? id,
    org: {
      domain,
      seed: spec.seed ?? id,
      servers,
      accounts: [{ user: SERVICE_ACCOUNT.user, password: SERVICE_ACCOUNT.password, impersonation: true }],
      mailboxes,
    },
    hosts: (spec.network?.hosts ?? []).map((h) => ({ name: h.name, ip: h.ip, up: h.up ?? true })),
    imp: {
      release: releaseOf(spec),
      locale: spec.imp?.locale,
      gateways: spec.imp?.gateways ?? servers.map((s) => ({ name: s.name, server: s.name })),
      trust: spec.imp?.trust ?? [{ from: 'exchange-root' }],
      parameters: spec.imp?.parameters ?? {},
      users,
      engine: spec.imp?.engine ?? 'running',
      accountAuth: spec.imp?.account?.auth ?? 'Basic',
    },
    load,
  };
}

/** The node's release: imp.release, else the release a load run names; both given, they must agree. */
function releaseOf(spec: LabSpec): string | undefined {
  const imp = spec.imp?.release;
  const load = spec.load?.release;
  if (imp && load && imp !== load)
    throw new RangeError(`lab.load.release "${load}" differs from lab.imp.release "${imp}"; the load runs on the node`);
  return imp ?? load;
}

export function localPart(address: string): string {
  return (address.split('@')[0] ?? address).toLowerCase();
}

export function meetingConfig(m: MeetingSpec, start: number): MeetingConfig {
  return {
    subject: m.subject,
    start: new Date(parseInstant(m.start, start)).toISOString(),
    end: new Date(parseInstant(m.end, start)).toISOString(),
    freeBusy: m.freeBusy ?? 'Busy',
    allDay: m.allDay,
    location: m.location,
    recurrence: m.recurrence as MeetingConfig['recurrence'],
  };
}

/** Generated users user001..userNNN: the first `subscribing` % enabled, the first `transitions` % in one meeting. */
function planLoad(
  load: NonNullable<LabSpec['load']>,
  start: number,
  domain: string,
  defaultServer: string,
  mailboxes: MailboxConfig[],
): LoadPlan {
  const width = Math.max(3, String(load.users).length);
  const users = Array.from({ length: load.users }, (_, i) => `user${String(i + 1).padStart(width, '0')}`);
  const subscribing = users.slice(0, Math.round((load.users * load.subscribing) / 100));
  const transitioning = users.slice(0, Math.round((load.users * load.transitions) / 100));
  const meeting: MeetingSpec = { subject: 'All-hands', start: load.meeting.start, end: load.meeting.end };
  const moving = new Set(transitioning);
  for (const u of users) {
    mailboxes.push({
      address: `${u}@${domain}`,
      server: load.server ?? defaultServer,
      meetings: moving.has(u) ? [meetingConfig(meeting, start)] : [],
    });
  }
  return {
    users,
    subscribing,
    transitioning,
    meetingStart: parseInstant(load.meeting.start, start),
  };
}
