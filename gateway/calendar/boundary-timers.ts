import { findCalendarView } from '../ews-client/ews-requests.ts';
import type { CalendarContext, Tracked } from './calendar-context.ts';
import { publishTime } from './calendar-spread.ts';
import { calendarStateAt, nextBoundary } from './meeting-state.ts';

const DAY = 24 * 3_600_000;

/** FindItem CalendarView around now; apply the state at once and schedule the next boundary. */
export async function readCalendar(ctx: CalendarContext, t: Tracked, epoch: number): Promise<void> {
  const client = ctx.client;
  const snap = ctx.snapshot;
  if (!client || !snap || !t.folder) return;
  const gw = snap.gateways.find((g) => g.host === t.gateway) ?? snap.gateways[0];
  if (!gw) return;
  const now = ctx.options.clock.now();
  const blocks = await findCalendarView(
    client,
    { host: gw.host, port: gw.port },
    t.mailbox,
    t.folder,
    now - DAY,
    now + 2 * DAY,
  );
  if (epoch !== t.epoch) return;
  t.blocks = blocks;
  ctx.options.presence.setCalendar(t.userId, calendarStateAt(blocks, now));
  scheduleBoundary(ctx, t, now);
  // The view reaches two days ahead: read it again daily so a quiet calendar never runs out of boundaries.
  ctx.refreshes.set(t, ctx.options.clock.now() + DAY);
}

/** Re-read after a notification or refresh; a failed read means the subscription needs renewing. */
export function reread(ctx: CalendarContext, t: Tracked, why: string): void {
  const epoch = t.epoch;
  const user = t.user;
  if (t.status !== 'subscribed') return;
  readCalendar(ctx, t, epoch).catch((err: unknown) => {
    if (epoch !== t.epoch) return;
    ctx.log('warn', `re-reading the calendar of ${t.mailbox} (${why}) failed: ${(err as Error).message}`, {
      user: t.userId,
    });
    ctx.requestSubscribe(t, user);
  });
}

/**
 * Publish the state at the next meeting boundary, at the user's Calendar Spread offset after it. Every user due at
 * the same instant shares one timer (ctx.boundaries): with Calendar Spread 0 a boundary moves thousands of users in
 * one callback, not one timer callback each.
 */
function scheduleBoundary(ctx: CalendarContext, t: Tracked, after: number): void {
  ctx.boundaries.delete(t);
  t.boundary = undefined;
  const snap = ctx.snapshot;
  const boundary = nextBoundary(t.blocks, after);
  if (boundary === undefined || !snap) return;
  const at = publishTime(boundary, t.userId, snap.parameters.calendarSpread);
  t.boundary = { instant: boundary, publishAt: at };
  ctx.boundaries.set(t, at);
}

/** A user's publish instant came: the state at the boundary, then the next boundary. */
export function boundaryDue(ctx: CalendarContext, t: Tracked): void {
  const due = t.boundary;
  if (!due || t.status !== 'subscribed') return;
  // Node's timers run on the loop's cached time and can fire a millisecond early on the wall clock.
  if (ctx.options.clock.now() < due.publishAt) {
    ctx.boundaries.set(t, due.publishAt);
    return;
  }
  ctx.options.presence.setCalendar(t.userId, calendarStateAt(t.blocks, due.instant));
  scheduleBoundary(ctx, t, due.instant);
}
