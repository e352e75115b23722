import { LEGACY_FREE_BUSY } from '../../mock-exchange/calendar.ts';
import type { ScenarioLab } from '../runtime/scenario-lab.ts';
import { timeSpec } from '../schema/lab-spec.ts';
import { t } from '../schema/spec.ts';
import { parseInstant } from '../sim-time.ts';
import { action } from './action.ts';

function meetingBySubject(lab: ScenarioLab, mailbox: string, subject: string) {
  const found = lab.exchange.admin.meetings(mailbox).filter((m) => m.subject === subject);
  if (found.length !== 1) throw new Error(`${mailbox} has ${found.length} meetings named "${subject}"`);
  return found[0]!;
}

const iso = (lab: ScenarioLab, time: string | undefined) =>
  time === undefined ? undefined : new Date(parseInstant(time, lab.plan.start)).toISOString();

/** Someone books, moves or cancels a meeting in Outlook: the mailbox's calendar changes on Exchange. */
export const meetingActions = [
  action({
    name: 'meeting.create',
    summary: 'a meeting appears in a mailbox calendar',
    args: t.object({
      mailbox: t.string().ref('mailbox'),
      subject: t.string(),
      start: timeSpec(),
      end: timeSpec(),
      freeBusy: t.optional(t.oneOf(LEGACY_FREE_BUSY)),
      location: t.optional(t.string()),
    }),
    run: async (lab, a) => {
      const m = lab.exchange.admin.createMeeting(a.mailbox, {
        subject: a.subject,
        start: iso(lab, a.start)!,
        end: iso(lab, a.end)!,
        freeBusy: a.freeBusy ?? 'Busy',
        location: a.location,
      });
      return { summary: `meeting "${m.subject}" ${m.start} - ${m.end} (${m.freeBusy}) in ${a.mailbox}`, data: m };
    },
  }),
  action({
    name: 'meeting.update',
    summary: 'a meeting is moved or its free/busy status changes',
    args: t.object({
      mailbox: t.string().ref('mailbox'),
      subject: t.string(),
      start: t.optional(timeSpec()),
      end: t.optional(timeSpec()),
      freeBusy: t.optional(t.oneOf(LEGACY_FREE_BUSY)),
    }),
    run: async (lab, a) => {
      const current = meetingBySubject(lab, a.mailbox, a.subject);
      const patch = Object.fromEntries(
        Object.entries({ start: iso(lab, a.start), end: iso(lab, a.end), freeBusy: a.freeBusy }).filter(
          ([, v]) => v !== undefined,
        ),
      );
      const m = lab.exchange.admin.updateMeeting(a.mailbox, current.id, patch);
      return { summary: `meeting "${m.subject}" is now ${m.start} - ${m.end} (${m.freeBusy})`, data: m };
    },
  }),
  action({
    name: 'meeting.delete',
    summary: 'a meeting is cancelled',
    args: t.object({ mailbox: t.string().ref('mailbox'), subject: t.string() }),
    run: async (lab, a) => {
      const m = meetingBySubject(lab, a.mailbox, a.subject);
      lab.exchange.admin.deleteMeeting(a.mailbox, m.id);
      return { summary: `meeting "${m.subject}" deleted from ${a.mailbox}` };
    },
  }),
];
