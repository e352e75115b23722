import type { EndUser } from '../config/user-store.ts';
import { type CalendarContext, type SubscriptionStatusName, setStatus, type Tracked } from './calendar-context.ts';

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
  setStatus(ctx, t, status);
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
export function armWatchdog(ctx: CalendarContext, t: Tracked): void {
  ctx.watchdogs.delete(t);
  const snap = ctx.snapshot;
  if (!snap || t.mode !== 'push' || ctx.options.watchdogDisabled) return;
  ctx.watchdogs.set(t, (t.lastHeard ?? ctx.options.clock.now()) + watchdogLimit(ctx));
}

const watchdogLimit = (ctx: CalendarContext) => 2 * (ctx.snapshot?.parameters.ewsStatusFrequency ?? 0) * 60_000;

/** A user's watchdog is due: silent for the whole limit means subscribe again, else wait for the rest. */
export function watchdogDue(ctx: CalendarContext, t: Tracked): void {
  if (!ctx.snapshot || ctx.subs.get(t.userId) !== t) return;
  if (ctx.options.clock.now() - (t.lastHeard ?? 0) >= watchdogLimit(ctx)) {
    ctx.log('warn', `no notification for ${t.user.mailbox} in 2 x EWS Status Frequency; subscribing again`, {
      user: t.userId,
    });
    ctx.requestSubscribe(t, t.user);
  } else armWatchdog(ctx, t);
}
