import type { EndUser } from '../config/user-store.ts';
import type { CalendarContext, SubscriptionStatusName, Tracked } from './calendar-context.ts';

/** Bounded back-off for retries that Exchange gave no BackOffMilliseconds for. */
const RETRY_BASE_MS = 5_000;
export const RETRY_MAX_MS = 5 * 60_000;

/** Subscribe again after Exchange's BackOffMilliseconds, else after a doubling delay capped at five minutes. */
export function retry(
  ctx: CalendarContext,
  t: Tracked,
  user: EndUser,
  epoch: number,
  reason: string,
  status: SubscriptionStatusName = 'retrying',
  backOffMs?: number,
): void {
  if (epoch !== t.epoch) return;
  t.status = status;
  t.reason = reason;
  const delay = backOffMs ?? Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** Math.min(10, t.attempts - 1));
  ctx.log('warn', `calendar for ${user.mailbox}: ${reason}; retrying in ${Math.round(delay / 1000)} s`, {
    user: t.userId,
    status,
    delayMs: delay,
  });
  ctx.options.clock.clearTimeout(t.retryTimer);
  t.retryTimer = ctx.options.clock.setTimeout(() => {
    if (epoch === t.epoch && ctx.subs.get(t.userId) === t) ctx.requestSubscribe(t, user);
  }, delay);
}

/** Silence for 2 x EWS Status Frequency means the subscription is gone: subscribe again and re-read. */
export function armWatchdog(ctx: CalendarContext, t: Tracked, user: EndUser): void {
  const { clock } = ctx.options;
  clock.clearTimeout(t.watchdogTimer);
  const snap = ctx.snapshot;
  if (!snap || t.mode !== 'push' || ctx.options.watchdogDisabled) return;
  const limit = 2 * snap.parameters.ewsStatusFrequency * 60_000;
  const due = (t.lastHeard ?? clock.now()) + limit;
  t.watchdogTimer = clock.setTimeout(() => {
    if (clock.now() - (t.lastHeard ?? 0) >= limit) {
      ctx.log('warn', `no notification for ${user.mailbox} in 2 x EWS Status Frequency; subscribing again`, {
        user: t.userId,
      });
      ctx.requestSubscribe(t, user);
    } else armWatchdog(ctx, t, user);
  }, due - clock.now());
}
