import { EwsError } from '../../ews/errors.ts';
import { MockExchangeError } from '../mock-exchange-error.ts';
import type { NotificationCenter } from './notification-center.ts';

/**
 * Mailbox moves between servers. Existing subscriptions stay where they were made and never see another
 * event (Exchange sends no signal, they keep their keepalives); new ones follow the mailbox. An optional
 * move window answers ErrorMailboxMoveInProgress until the move completes.
 */
export class MailboxMoves {
  readonly #moving = new Map<string, { to: string; until: number }>();

  constructor(readonly center: NotificationCenter) {}

  move(address: string, to: string, windowMs = 0): { from: string; to: string; completesAt: number } {
    const { org, clock, journal } = this.center;
    const mbx = org.mailbox(address);
    if (!mbx) throw new MockExchangeError('UNKNOWN_MAILBOX', `Unknown mailbox "${address}"`, 'mailbox');
    if (!org.server(to)) {
      const known = [...org.servers.keys()].join(', ');
      throw new MockExchangeError('INVALID_VALUE', `Unknown server "${to}"; known: ${known}`, 'server');
    }
    if (this.#moving.has(mbx.address))
      throw new MockExchangeError('MOVE_CONFLICT', `Mailbox ${mbx.address} is already being moved`, 'server');
    if (mbx.homeServer === to)
      throw new MockExchangeError('MOVE_CONFLICT', `Mailbox ${mbx.address} already lives on ${to}`, 'server');
    if (!(Number.isFinite(windowMs) && windowMs >= 0))
      throw new MockExchangeError('INVALID_VALUE', `windowMs must be >= 0, got ${windowMs}`, 'windowMs');
    const from = mbx.homeServer;
    const completesAt = clock.now() + windowMs;
    const complete = () => {
      this.#moving.delete(mbx.address);
      const head = this.center.feed.log(mbx).head;
      for (const sub of this.center.subscriptionsOf(mbx.address)) sub.blindAfter ??= head;
      mbx.homeServer = to;
      journal.record('info', 'organization', `mailbox ${mbx.address} moved from ${from} to ${to}`);
      this.center.emit('mailbox-moved', { address: mbx.address, from, to });
    };
    if (windowMs > 0) {
      this.#moving.set(mbx.address, { to, until: completesAt });
      journal.record('info', 'organization', `mailbox ${mbx.address} move to ${to} started`, {
        completesAt: new Date(completesAt).toISOString(),
      });
      clock.setTimeout(complete, windowMs);
    } else complete();
    return { from, to, completesAt };
  }

  assertNotMoving(address: string): void {
    const move = this.#moving.get(address.toLowerCase());
    if (move) {
      throw new EwsError('ErrorMailboxMoveInProgress', {
        message: `The mailbox ${address} is being moved to ${move.to}. Try again later.`,
      });
    }
  }
}
