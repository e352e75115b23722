import type { EndUser } from '../config/user-store.ts';
import { EwsCallError } from '../ews-client/ews-call-error.ts';
import { findFolderByName } from '../ews-client/ews-requests.ts';
import { readCalendar } from './boundary-timers.ts';
import { type CalendarContext, setStatus, type Tracked } from './calendar-context.ts';
import { subscribeOn } from './delivery-modes.ts';
import { armWatchdog, retry } from './recovery.ts';

/** Failures that mean "this server cannot be used now": try the next gateway in order. */
const FAILOVER_KINDS = new Set(['network', 'timeout', 'tls', 'http', 'unauthorized', 'malformed']);

/** Subscribe where the first healthy gateway (in configured order) lets us, then read the calendar. */
export async function subscribe(ctx: CalendarContext, t: Tracked, user: EndUser): Promise<void> {
  const epoch = ++t.epoch;
  const snap = ctx.snapshot;
  const client = ctx.client;
  if (!snap || !client) return;
  setStatus(ctx, t, 'subscribing');
  t.attempts++;
  const gateways = [...snap.gateways].sort((a, b) => a.order - b.order);
  if (gateways.length === 0) return retry(ctx, t, user, epoch, 'no Presence Gateway is configured');
  let lastError: EwsCallError | undefined;
  for (const gw of gateways) {
    const ep = { host: gw.host, port: gw.port };
    try {
      const word = ctx.options.folderWord?.(t.userId, gw) ?? gw.localecalendarname;
      const folderId = await findFolderByName(client, ep, user.mailbox, word);
      if (epoch !== t.epoch) return;
      if (!folderId) {
        setStatus(ctx, t, 'folder-not-found');
        t.gateway = gw.host;
        ctx.options.presence.setCalendar(t.userId, 'unknown');
        return retry(
          ctx,
          t,
          user,
          epoch,
          word === gw.localecalendarname
            ? `calendar folder "${word}" (pebackendgateway.localecalendarname of ${gw.host}) not found in mailbox ${user.mailbox}; its calendar folder has another name`
            : `calendar folder "${word}" (the word of the user's locale on Cisco Unified CM) not found in mailbox ${user.mailbox}; the mailbox's calendar folder has another name`,
          'folder-not-found',
        );
      }
      t.folder = { id: folderId };
      await subscribeOn(ctx, t, user, gw, client, snap);
      if (epoch !== t.epoch) return;
      t.gateway = gw.host;
      setStatus(ctx, t, 'subscribed');
      t.reason = undefined;
      t.attempts = 0;
      t.lastHeard = ctx.options.clock.now();
      ctx.log(
        'info',
        `subscribed to the calendar of ${user.mailbox} through ${gw.host} (${t.mode}, ${t.subscriptionId})`,
        { user: t.userId, gateway: gw.host },
      );
      await readCalendar(ctx, t, epoch);
      armWatchdog(ctx, t);
      return;
    } catch (thrown) {
      if (epoch !== t.epoch) return;
      // Anything unexpected is reported like a malformed answer: the engine must keep running.
      const err =
        thrown instanceof EwsCallError
          ? thrown
          : new EwsCallError('malformed', `unexpected error: ${(thrown as Error).message ?? String(thrown)}`);
      lastError = err;
      ctx.log('warn', `subscribing ${user.mailbox} through ${gw.host} failed: ${err.message}`, {
        user: t.userId,
        gateway: gw.host,
        kind: err.kind,
        code: err.code,
      });
      if (!FAILOVER_KINDS.has(err.kind)) break;
    }
  }
  ctx.options.presence.setCalendar(t.userId, 'unknown');
  retry(ctx, t, user, epoch, lastError?.message ?? 'failed', 'retrying', lastError?.details.backOffMs);
}
