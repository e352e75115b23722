import express from 'express';
import { LEGACY_FREE_BUSY, type LegacyFreeBusyStatus } from '../../mock-exchange/calendar.ts';
import { parseEwsId } from '../../mock-exchange/ids/mailbox-ids.ts';
import type { Mailbox } from '../../mock-exchange/organization.ts';
import { dayOf } from '../../scenarios/sim-time.ts';
import type { LabHost } from '../lab-host.ts';
import type { CalendarsView, DayCalendar } from '../protocol.ts';
import { bodyOf, DashboardError } from './dashboard-error.ts';

const DAY = 86_400_000;
const TIME_OF_DAY = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** "09:30" on the virtual day, as epoch ms; a missing or malformed time names its field. */
function timeOnDay(value: unknown, day: number, field: string, label: string): number {
  const m = typeof value === 'string' ? TIME_OF_DAY.exec(value.trim()) : null;
  if (!m) throw new DashboardError(`${label} must be a time of day like 09:30`, field);
  return day + (Number(m[1]) * 60 + Number(m[2])) * 60_000;
}

/** The meeting form, checked field by field before anything reaches the calendar. */
function meetingTimes(body: Record<string, unknown>, day: number): { start: number; end: number } {
  const start = timeOnDay(body.start, day, 'start', 'Start');
  const end = timeOnDay(body.end, day, 'end', 'End');
  if (end <= start) throw new DashboardError('End must be after the start', 'end');
  return { start, end };
}

function freeBusyOf(value: unknown): LegacyFreeBusyStatus {
  if (value === undefined || value === '') return 'Busy';
  if (typeof value !== 'string' || !(LEGACY_FREE_BUSY as readonly string[]).includes(value))
    throw new DashboardError(`Free/busy must be one of ${LEGACY_FREE_BUSY.join(', ')}`, 'freeBusy');
  return value as LegacyFreeBusyStatus;
}

/**
 * Each user's calendar for the virtual day, and the Exchange page's meeting form: add, move and cancel
 * a meeting on that day. Changes go through the mock's OrgAdmin, so subscribers hear of them as usual.
 */
export function meetingRoutes(host: LabHost): express.Router {
  const r = express.Router();
  const ctx = () => host.current;
  const mailbox = (address: string): Mailbox => {
    const m = ctx().lab.exchange.org.mailbox(address);
    if (!m) throw new DashboardError(`Unknown mailbox "${address}"`, 'mailbox', 'UNKNOWN_MAILBOX');
    return m;
  };
  const today = () => dayOf(ctx().handle.clock.now());

  r.get('/calendars', (_req, res) => {
    const { lab } = ctx();
    const dayStart = today();
    const calendars: DayCalendar[] = [];
    const users = new Map(lab.imp.config.users.list().map((u) => [u.mailbox.toLowerCase(), u.userId]));
    for (const m of lab.exchange.org.mailboxes.values()) {
      calendars.push({
        userId: users.get(m.address.toLowerCase()) ?? '',
        mailbox: m.address,
        server: m.homeServer,
        meetings: m.calendar.view(dayStart, dayStart + DAY).map((e) => ({
          id: e.id,
          itemId: e.item.id,
          subject: e.item.subject,
          start: e.start,
          end: e.end,
          freeBusy: e.item.freeBusy,
          recurring: e.type === 'Occurrence',
        })),
      });
    }
    const view: CalendarsView = { dayStart, dayEnd: dayStart + DAY, calendars };
    res.json(view);
  });

  r.post('/mailboxes/:address/meetings', (req, res) => {
    const body = bodyOf(req);
    const mbx = mailbox(req.params.address);
    const subject = typeof body.subject === 'string' ? body.subject.trim() : '';
    if (subject === '') throw new DashboardError('Enter a title for the meeting', 'subject');
    const { start, end } = meetingTimes(body, today());
    const meeting = ctx().lab.exchange.admin.createMeeting(mbx.address, {
      subject,
      start: new Date(start).toISOString(),
      end: new Date(end).toISOString(),
      freeBusy: freeBusyOf(body.freeBusy),
    });
    res.status(201).json(meeting);
  });

  /** Move a meeting to other times today; for an occurrence, the whole series moves to that time of day. */
  r.patch('/mailboxes/:address/meetings/:id', (req, res) => {
    const body = bodyOf(req);
    const mbx = mailbox(req.params.address);
    const id = req.params.id;
    const parsed = parseEwsId(id);
    const itemId = parsed?.kind === 'occurrence' ? parsed.seriesId : id;
    const item = mbx.calendar.get(itemId);
    if (!item) throw new DashboardError(`Mailbox ${mbx.address} has no meeting "${id}"`, 'id', 'UNKNOWN_MEETING');
    const { start, end } = meetingTimes(body, today());
    const shift = item.recurrence ? dayOf(item.start) - today() : 0;
    const meeting = ctx().lab.exchange.admin.updateMeeting(mbx.address, item.id, {
      start: new Date(start + shift).toISOString(),
      end: new Date(end + shift).toISOString(),
    });
    res.json(meeting);
  });

  /** Cancel a meeting; for an occurrence, only that day's occurrence of the series. */
  r.delete('/mailboxes/:address/meetings/:id', (req, res) => {
    const mbx = mailbox(req.params.address);
    const id = req.params.id;
    const done = parseEwsId(id)?.kind === 'occurrence' ? mbx.calendar.deleteOccurrence(id) : mbx.calendar.delete(id);
    if (!done) throw new DashboardError(`Mailbox ${mbx.address} has no meeting "${id}"`, 'id', 'UNKNOWN_MEETING');
    res.status(204).end();
  });
  return r;
}
