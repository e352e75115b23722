import type { MailboxConfig, OrgConfig } from '../../mock-exchange/org-config.ts';
import { T } from './test-org.ts';

/**
 * Two servers and five users on Monday 6 May 2030: alice has a Busy meeting 09:00-09:30, bob a Tentative
 * hour and a Free half hour, carol is out of office all day, dave's calendar is empty, erin (on ex2) has a
 * Busy meeting 09:00-10:00.
 */
export function presenceOrgConfig(): OrgConfig {
  return {
    domain: 'example.test',
    seed: 'presence',
    servers: [
      { name: 'ex1', fqdn: 'ex1.example.test', ip: '127.0.30.1', port: 0 },
      { name: 'ex2', fqdn: 'ex2.example.test', ip: '127.0.30.2', port: 0 },
    ],
    accounts: [{ user: 'svc-imp', password: 'Imp-Passw0rd', impersonation: true }],
    mailboxes: [
      {
        address: 'alice@example.test',
        server: 'ex1',
        meetings: [{ subject: 'Design review', start: T('09:00'), end: T('09:30'), freeBusy: 'Busy' }],
      },
      {
        address: 'bob@example.test',
        server: 'ex1',
        meetings: [
          { subject: 'Maybe: vendor call', start: T('09:00'), end: T('10:00'), freeBusy: 'Tentative' },
          { subject: 'Lunch', start: T('10:00'), end: T('10:30'), freeBusy: 'Free' },
        ],
      },
      {
        address: 'carol@example.test',
        server: 'ex2',
        meetings: [
          {
            subject: 'Vacation',
            start: '2030-05-06T00:00:00Z',
            end: '2030-05-07T00:00:00Z',
            freeBusy: 'OOF',
            allDay: true,
          },
        ],
      },
      { address: 'dave@example.test', server: 'ex2' },
      {
        address: 'erin@example.test',
        server: 'ex2',
        meetings: [{ subject: 'Planning', start: T('09:00'), end: T('10:00'), freeBusy: 'Busy' }],
      },
    ],
  };
}

/** A seeded random source (mulberry32): the same seed gives the same schedules on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const FREE_BUSY_WEIGHTS = [
  ['Busy', 0.55],
  ['Tentative', 0.15],
  ['Free', 0.1],
  ['OOF', 0.15],
  ['WorkingElsewhere', 0.05],
] as const;

export function pickFreeBusy(random: () => number): (typeof FREE_BUSY_WEIGHTS)[number][0] {
  let r = random();
  for (const [fb, w] of FREE_BUSY_WEIGHTS) {
    if (r < w) return fb;
    r -= w;
  }
  return 'Busy';
}

/** `users` mailboxes over two servers, each with 2-7 random meetings in [dayStart, dayStart + 24 h). */
export function randomOrgConfig(users: number, dayStart: number, random: () => number): OrgConfig {
  const mailboxes: MailboxConfig[] = [];
  for (let i = 0; i < users; i++) {
    const meetings = [];
    const n = 2 + Math.floor(random() * 6);
    for (let j = 0; j < n; j++) meetings.push(randomMeeting(`m${j}`, dayStart, random));
    mailboxes.push({ address: `u${String(i).padStart(3, '0')}@example.test`, server: i % 2 ? 'ex2' : 'ex1', meetings });
  }
  return {
    domain: 'example.test',
    seed: 'property',
    servers: [
      { name: 'ex1', fqdn: 'ex1.example.test', ip: '127.0.31.1', port: 0 },
      { name: 'ex2', fqdn: 'ex2.example.test', ip: '127.0.31.2', port: 0 },
    ],
    accounts: [{ user: 'svc-imp', password: 'Imp-Passw0rd', impersonation: true }],
    mailboxes,
  };
}

/** Starts on a whole minute most of the time, at any second otherwise; 5 minutes to 3 hours long. */
export function randomMeeting(subject: string, dayStart: number, random: () => number) {
  const minute = Math.floor(random() * 24 * 60);
  const second = random() < 0.8 ? 0 : Math.floor(random() * 60);
  const start = dayStart + minute * 60_000 + second * 1000;
  const end = start + (5 + Math.floor(random() * 176)) * 60_000;
  return {
    subject,
    start: new Date(start).toISOString(),
    end: new Date(end).toISOString(),
    freeBusy: pickFreeBusy(random),
  };
}
