import type { MeetingConfig, OrgConfig } from './org-config.ts';

const HOUR = 3_600_000;

/**
 * The built-in organization: two servers, four users with meetings spread over the current (UTC) day,
 * whatever the date, and the IM&P service account with ApplicationImpersonation.
 */
export function defaultOrgConfig(now: Date = new Date()): OrgConfig {
  const day = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const at = (h: number, m = 0) => new Date(day + h * HOUR + m * 60_000).toISOString();
  const meeting = (
    subject: string,
    from: [number, number],
    to: [number, number],
    extra: Partial<MeetingConfig> = {},
  ) => ({
    subject,
    start: at(...from),
    end: at(...to),
    freeBusy: 'Busy' as const,
    ...extra,
  });
  return {
    domain: 'example.test',
    servers: [
      { name: 'ex1', fqdn: 'ex1.example.test', ip: '127.0.10.1', port: 8443 },
      { name: 'ex2', fqdn: 'ex2.example.test', ip: '127.0.10.2', port: 8444 },
    ],
    accounts: [
      { user: 'svc-imp', password: 'Imp-Passw0rd', impersonation: true },
      { user: 'alice', password: 'alice-pw', mailbox: 'alice@example.test' },
      { user: 'bob', password: 'bob-pw', mailbox: 'bob@example.test' },
      { user: 'carol', password: 'carol-pw', mailbox: 'carol@example.test' },
      { user: 'dave', password: 'dave-pw', mailbox: 'dave@example.test' },
    ],
    mailboxes: [
      {
        address: 'alice@example.test',
        displayName: 'Alice Archer',
        server: 'ex1',
        meetings: [
          meeting('Daily stand-up', [9, 0], [9, 15], {
            organizer: 'alice@example.test',
            attendees: ['bob@example.test'],
            recurrence: { pattern: 'daily', interval: 1, occurrences: 30 },
          }),
          meeting('Design review', [11, 0], [12, 0], { location: 'Room 1', organizer: 'bob@example.test' }),
          meeting('Maybe: vendor call', [15, 0], [15, 30], { freeBusy: 'Tentative' }),
        ],
      },
      {
        address: 'bob@example.test',
        displayName: 'Bob Baker',
        server: 'ex1',
        meetings: [
          meeting('Daily stand-up', [9, 0], [9, 15], {
            organizer: 'alice@example.test',
            recurrence: { pattern: 'daily', interval: 1, occurrences: 30 },
          }),
          meeting('Customer escalation', [13, 0], [14, 30], { location: 'Bridge 2' }),
          meeting('Lunch', [12, 0], [12, 45], { freeBusy: 'Free' }),
        ],
      },
      {
        address: 'carol@example.test',
        displayName: 'Carol Schmidt',
        server: 'ex2',
        locale: 'de_DE',
        meetings: [
          meeting('Teamrunde', [8, 30], [9, 30], { location: 'Raum 3' }),
          meeting('Kundentermin', [14, 0], [16, 0], {
            recurrence: { pattern: 'weekly', interval: 1, daysOfWeek: everyDay(), occurrences: 20 },
          }),
        ],
      },
      {
        address: 'dave@example.test',
        displayName: 'Dave Dubois',
        server: 'ex2',
        meetings: [
          meeting('Out of office', [0, 0], [24, 0], { freeBusy: 'OOF', allDay: true }),
          meeting('On-call handover', [17, 0], [17, 30]),
        ],
      },
    ],
  };
}

function everyDay(): ('Sunday' | 'Monday' | 'Tuesday' | 'Wednesday' | 'Thursday' | 'Friday' | 'Saturday')[] {
  return ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
}
