import type { OrgConfig } from '../../mock-exchange/org-config.ts';

/** Monday 6 May 2030, 08:00 UTC: the start of every deterministic test day. */
export const TEST_START = Date.UTC(2030, 4, 6, 8, 0, 0);
export const T = (hhmm: string, day = '2030-05-06') => `${day}T${hhmm}:00Z`;

export const SVC = { user: 'svc-imp', password: 'Imp-Passw0rd' } as const;

/** A small organization on loopback with ephemeral ports: one English and one German mailbox per server. */
export function testOrgConfig(): OrgConfig {
  return {
    domain: 'example.test',
    seed: 'test',
    servers: [
      { name: 'ex1', fqdn: 'ex1.example.test', ip: '127.0.20.1', port: 0 },
      { name: 'ex2', fqdn: 'ex2.example.test', ip: '127.0.20.2', port: 0 },
    ],
    accounts: [
      { user: 'svc-imp', password: 'Imp-Passw0rd', impersonation: true },
      { user: 'svc-ex1-only', password: 'Scoped-Passw0rd', impersonation: { servers: ['ex1'] } },
      { user: 'alice', password: 'alice-pw', mailbox: 'alice@example.test' },
      { user: 'nobody', password: 'nobody-pw' },
    ],
    mailboxes: [
      {
        address: 'alice@example.test',
        displayName: 'Alice Archer',
        server: 'ex1',
        meetings: [
          {
            subject: 'Weekly sync',
            start: T('09:00'),
            end: T('09:30'),
            freeBusy: 'Busy',
            location: 'Room 1',
            organizer: 'alice@example.test',
            attendees: ['bob@example.test'],
          },
          {
            subject: 'Stand-up',
            start: T('10:00', '2030-05-03'),
            end: T('10:15', '2030-05-03'),
            recurrence: { pattern: 'daily', interval: 1, occurrences: 10 },
          },
          {
            subject: 'Offsite',
            start: '2030-05-07T00:00:00Z',
            end: '2030-05-08T00:00:00Z',
            freeBusy: 'OOF',
            allDay: true,
          },
        ],
      },
      {
        address: 'bob@example.test',
        displayName: 'Bob Baker',
        server: 'ex1',
        meetings: [{ subject: 'Tentative thing', start: T('13:00'), end: T('14:00'), freeBusy: 'Tentative' }],
      },
      {
        address: 'carol@example.test',
        displayName: 'Carol Schmidt',
        server: 'ex2',
        locale: 'de_DE',
        meetings: [{ subject: 'Teamrunde', start: T('11:00'), end: T('12:00'), freeBusy: 'Busy' }],
      },
    ],
  };
}
