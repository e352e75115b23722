import type { PresenceGateway } from '../config/gateway-store.ts';
import type { EndUser } from '../config/user-store.ts';
import type { EwsClient } from '../ews-client/ews-client.ts';
import { getEvents, subscribePull, subscribePush, subscribeStreaming } from '../ews-client/ews-requests.ts';
import type { EngineSnapshot } from '../presence-engine.ts';
import { readCalendar } from './boundary-timers.ts';
import type { CalendarContext, Tracked } from './calendar-context.ts';

/** Subscribe in the gateway's mode: push to our listener, pull on a poll timer, or streaming in a group. */
export async function subscribeOn(
  ctx: CalendarContext,
  t: Tracked,
  user: EndUser,
  gw: PresenceGateway,
  client: EwsClient,
  snap: EngineSnapshot,
): Promise<void> {
  const ep = { host: gw.host, port: gw.port };
  const folder = t.folder ?? { distinguished: 'calendar' as const };
  const mode = gw.mode;
  t.mode = mode;
  if (t.subscriptionId) {
    ctx.byId.delete(t.subscriptionId);
    ctx.streams?.remove(t.subscriptionId);
  }
  if (mode === 'streaming') {
    const sub = await subscribeStreaming(client, ep, user.mailbox, folder, ctx.streams?.affinityFor(ep, user.mailbox));
    t.subscriptionId = sub.subscriptionId;
    ctx.streams?.learnCookie(ep, user.mailbox, sub.backEndCookie);
    ctx.streams?.add(ep, sub.subscriptionId, user.mailbox);
  } else if (mode === 'pull') {
    const sub = await subscribePull(
      client,
      ep,
      user.mailbox,
      folder,
      Math.max(snap.parameters.office365PullInterval * 2, 10),
    );
    t.subscriptionId = sub.subscriptionId;
    t.watermark = sub.watermark;
    schedulePoll(ctx, t, user, gw);
  } else {
    const sub = await subscribePush(
      client,
      ep,
      user.mailbox,
      folder,
      ctx.callbackUrl,
      snap.parameters.ewsStatusFrequency,
    );
    t.subscriptionId = sub.subscriptionId;
  }
  ctx.byId.set(t.subscriptionId, t);
}

/** Pull mode: GetEvents every Office 365 Pull Interval, re-reading the calendar when something changed. */
function schedulePoll(ctx: CalendarContext, t: Tracked, user: EndUser, gw: PresenceGateway): void {
  const { clock } = ctx.options;
  const snap = ctx.snapshot;
  const client = ctx.client;
  if (!snap || !client) return;
  clock.clearTimeout(t.pollTimer);
  t.pollTimer = clock.setTimeout(() => {
    const epoch = t.epoch;
    if (!t.subscriptionId || !t.watermark) return;
    getEvents(client, { host: gw.host, port: gw.port }, user.mailbox, t.subscriptionId, t.watermark)
      .then(async (r) => {
        if (epoch !== t.epoch) return;
        t.watermark = r.watermark;
        t.lastHeard = clock.now();
        if (r.changed) await readCalendar(ctx, t, epoch);
        schedulePoll(ctx, t, user, gw);
      })
      .catch((err: unknown) => {
        if (epoch !== t.epoch) return;
        ctx.log('warn', `pull for ${user.mailbox} failed: ${(err as Error).message}; subscribing again`, {
          user: t.userId,
        });
        ctx.requestSubscribe(t, user);
      });
  }, snap.parameters.office365PullInterval * 60_000);
}
