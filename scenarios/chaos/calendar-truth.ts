import type { PresenceLabel } from '../../gateway/presence/presence-composer.ts';
import type { LegacyFreeBusyStatus } from '../../mock-exchange/calendar.ts';
import type { MockExchange } from '../../mock-exchange/mock-exchange.ts';

/**
 * DESIGN §4, written out apart from the gateway: Busy is In a meeting, OOF is Away (Calendar Out of Office
 * information is off by default), Free and Tentative leave the client's Available; the strongest block wins.
 */
const STRENGTH: Record<string, number> = { Busy: 1, OOF: 2 };
const LABEL: PresenceLabel[] = ['Available', 'In a meeting', 'Away'];

/** The presence a user whose client is Available should show at instant t, from the mock's own calendar. */
export function truthAt(exchange: MockExchange, mailbox: string, t: number): PresenceLabel {
  const mbx = exchange.org.mailbox(mailbox);
  if (!mbx) throw new Error(`no mailbox ${mailbox} in the organization`);
  let best = 0;
  for (const e of mbx.calendar.view(t, t + 1)) {
    if (e.end <= t || e.start > t) continue;
    best = Math.max(best, STRENGTH[e.item.freeBusy as LegacyFreeBusyStatus] ?? 0);
  }
  return LABEL[best] as PresenceLabel;
}
