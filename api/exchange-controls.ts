import type { MeetingView } from '../mock-exchange/admin/org-admin.ts';
import { CERTIFICATE_PROFILES } from '../mock-exchange/certs/profiles/index.ts';
import type { Fault } from '../mock-exchange/faults/fault.ts';
import type { MockExchange } from '../mock-exchange/mock-exchange.ts';
import type { MeetingConfig } from '../mock-exchange/org-config.ts';

/** Certificate profiles of the organization's servers (`valid`, `expired`, `missing-intermediate`, ...). */
export interface ProfileControls {
  /** The profile a server presents now. */
  get(server: string): string;
  /** Switch a server's profile; new connections see the new certificate chain. */
  set(server: string, profile: string): Promise<void>;
  /** Every profile name, with the status row a gateway shows for it. */
  list(): { name: string; status: string }[];
}

/** Network and Exchange faults of a server, as in the README's fault table (`{ type: 'latency', latency: 2000 }`). */
export interface FaultControls {
  add(server: string, fault: { type: string; [attribute: string]: unknown }): Promise<Fault>;
  remove(server: string, name: string): Promise<void>;
  clear(server: string): Promise<void>;
  list(server: string): readonly Fault[];
}

/** Meetings in a mailbox's calendar; changes reach subscribers as notifications. */
export interface MeetingControls {
  list(mailbox: string): MeetingView[];
  create(mailbox: string, meeting: MeetingConfig): MeetingView;
  update(mailbox: string, id: string, patch: Partial<MeetingConfig>): MeetingView;
  delete(mailbox: string, id: string): void;
}

/** The admin operations a test needs, in-process (no HTTP). */
export interface ExchangeAdmin {
  profiles: ProfileControls;
  faults: FaultControls;
  meetings: MeetingControls;
  /** Every server (or one) back to the `valid` certificate with no faults. */
  reset(server?: string): Promise<void>;
}

export function exchangeAdmin(mock: MockExchange): ExchangeAdmin {
  return {
    profiles: {
      get: (server) => mock.certificates.profile(server).name,
      set: async (server, profile) => {
        await mock.setCertificateProfile(server, profile);
      },
      list: () => [...CERTIFICATE_PROFILES.values()].map((p) => ({ name: p.name, status: p.status })),
    },
    faults: {
      add: (server, fault) => mock.faults.add(server, fault),
      remove: (server, name) => mock.faults.remove(server, name),
      clear: (server) => mock.faults.clear(server),
      list: (server) => mock.faults.list(server),
    },
    meetings: {
      list: (mailbox) => mock.admin.meetings(mailbox),
      create: (mailbox, meeting) => mock.admin.createMeeting(mailbox, meeting),
      update: (mailbox, id, patch) => mock.admin.updateMeeting(mailbox, id, patch),
      delete: (mailbox, id) => mock.admin.deleteMeeting(mailbox, id),
    },
    reset: (server) => mock.reset(server),
  };
}
