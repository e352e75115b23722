import type { LegacyFreeBusyStatus } from '../../mock-exchange/calendar.ts';
import type { MeetingConfig } from '../../mock-exchange/org-config.ts';
import { SeededRandom } from './seeded-random.ts';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const LENGTHS = [15, 30, 30, 45, 60, 60, 90];
/**
 * Mostly Busy, as real calendars are; Tentative and Free publish Available. OOF is kept for the closing
 * meeting alone, so no view read before it was booked can show Away at the end.
 */
const FREE_BUSY: LegacyFreeBusyStatus[] = [
  'Busy',
  'Busy',
  'Busy',
  'Busy',
  'Busy',
  'Busy',
  'Tentative',
  'Tentative',
  'Free',
];

/** A change made to one mailbox while the run goes on, at a whole minute. */
export type CalendarChange =
  | { at: number; mailbox: string; kind: 'book'; meeting: MeetingConfig }
  /** `pick` chooses among the meetings the mailbox has when the change happens. */
  | { at: number; mailbox: string; kind: 'cancel'; pick: number }
  | { at: number; mailbox: string; kind: 'move'; pick: number; byMinutes: number };

export interface CalendarPlan {
  /** Meetings each mailbox holds when the run starts. */
  initial: Map<string, MeetingConfig[]>;
  /** Changes during the run, sorted by instant. */
  changes: CalendarChange[];
}

export interface CalendarPlanInput {
  seed: string;
  mailboxes: readonly string[];
  from: number;
  to: number;
  /** The last fault has cleared: every mailbox gets a booking soon after, so recovery shows in presence. */
  recoveryFrom: number;
  /** Every mailbox gets one last meeting booked at or after this instant that runs past `to`. */
  probeFrom: number;
}

const iso = (t: number) => new Date(t).toISOString();

/** The subject of each mailbox's last meeting, which churn leaves alone. */
export const CLOSING_MEETING = 'Out of office from the end of the day';

function meeting(random: SeededRandom, subject: string, start: number): MeetingConfig {
  const end = start + random.pick(LENGTHS) * MINUTE;
  return { subject, start: iso(start), end: iso(end), freeBusy: random.pick(FREE_BUSY) };
}

/**
 * Seeded calendars for a run: a few meetings per mailbox per day from the start, bookings, cancellations and
 * moves during the run, a Busy booking soon after the last fault clears (its presence shows whether the
 * subscription recovered), and one closing out-of-office booked after the convergence bound and running past the
 * end: the only OOF of the run, so a subscription that never recovered cannot show it at the last minute.
 */
export function planCalendars(input: CalendarPlanInput): CalendarPlan {
  const { from, to } = input;
  const days = Math.max(1, (to - from) / DAY);
  const quarterHours = Math.floor((to - from) / (15 * MINUTE));
  const minutes = Math.floor((to - from) / MINUTE);
  const initial = new Map<string, MeetingConfig[]>();
  const changes: CalendarChange[] = [];
  for (const mailbox of input.mailboxes) {
    const random = new SeededRandom(input.seed, `calendar:${mailbox}`);
    const meetings: MeetingConfig[] = [];
    const count = Math.round(random.int(3, 8) * days);
    for (let i = 0; i < count; i++)
      meetings.push(meeting(random, `Meeting ${i + 1}`, from + random.int(0, quarterHours - 1) * 15 * MINUTE));
    initial.set(mailbox, meetings);
    const churn = Math.round(random.int(1, 4) * days);
    for (let i = 0; i < churn; i++) {
      const at = from + random.int(1, minutes - 1) * MINUTE;
      const what = random.int(0, 2);
      if (what === 0)
        changes.push({
          at,
          mailbox,
          kind: 'book',
          meeting: meeting(random, `Booked ${i + 1}`, at + random.int(1, 24) * 5 * MINUTE),
        });
      else if (what === 1) changes.push({ at, mailbox, kind: 'cancel', pick: random.next() });
      else
        changes.push({
          at,
          mailbox,
          kind: 'move',
          pick: random.next(),
          byMinutes: random.pick([-60, -30, 15, 30, 45, 90]),
        });
    }
    const booked = input.recoveryFrom + random.int(1, 10) * MINUTE;
    changes.push({
      at: booked,
      mailbox,
      kind: 'book',
      meeting: { ...meeting(random, 'Recovery check', booked + random.int(1, 12) * 5 * MINUTE), freeBusy: 'Busy' },
    });
    const latest = to - 25 * MINUTE;
    const probeAt =
      input.probeFrom + random.int(0, Math.max(0, Math.floor((latest - input.probeFrom) / MINUTE))) * MINUTE;
    changes.push({
      at: Math.min(probeAt, latest),
      mailbox,
      kind: 'book',
      meeting: { subject: CLOSING_MEETING, start: iso(to - 20 * MINUTE), end: iso(to + 40 * MINUTE), freeBusy: 'OOF' },
    });
  }
  changes.sort((a, b) => a.at - b.at || a.mailbox.localeCompare(b.mailbox));
  return { initial, changes };
}
