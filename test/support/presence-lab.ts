import type { CalendarState } from '../../gateway/calendar/meeting-state.ts';
import type { ServiceParameters } from '../../gateway/config/service-parameters.ts';
import type { ComposedPresence } from '../../gateway/presence/presence-composer.ts';
import type { PresenceChange } from '../../gateway/presence/presence-store.ts';
import { Lab } from '../../lab/create-lab.ts';
import type { LegacyFreeBusyStatus } from '../../mock-exchange/calendar.ts';
import type { OrgConfig } from '../../mock-exchange/org-config.ts';
import { VirtualClock } from '../../sim/clock.ts';
import { TEST_START } from './test-org.ts';
import { waitUntil } from './wait-until.ts';

export interface PresenceLabOptions {
  org: OrgConfig;
  start?: number;
  /** Service parameters set before the Presence Engine starts. */
  parameters?: Partial<ServiceParameters>;
  callbackHost?: string;
  /** Configure the node further before the Presence Engine starts (gateway modes, users). */
  before?: (lab: Lab) => void;
}

/** DESIGN §4 mapping, written out independently of the gateway: Free/Tentative free, Busy busy, OOF oof. */
export function stateOf(freeBusy: LegacyFreeBusyStatus): CalendarState {
  return freeBusy === 'Busy' ? 'busy' : freeBusy === 'OOF' ? 'oof' : 'free';
}

const STRENGTH: Record<CalendarState, number> = { free: 0, busy: 1, oof: 2 };

/**
 * A lab on a virtual clock for presence tests: the mock Exchange and an IM&P node with every mailbox's
 * user subscribed. `settle()` waits, in event-loop turns, until no EWS request, subscribe flow or push is
 * in flight, so each step of virtual time completes its real socket I/O before the next.
 */
export class PresenceLab {
  readonly changes: PresenceChange[] = [];
  #pushes = 0;

  private constructor(
    readonly lab: Lab,
    readonly clock: VirtualClock,
  ) {
    // Count pushes from the moment the POST starts until its outcome is known.
    const sender = lab.exchange.notifications.sender;
    const send = sender.send.bind(sender);
    sender.send = (url, xml) => {
      this.#pushes++;
      return send(url, xml).finally(() => this.#pushes--);
    };
    lab.imp.presence.on('change', (c) => this.changes.push(c));
  }

  static async start(options: PresenceLabOptions): Promise<PresenceLab> {
    const clock = new VirtualClock(options.start ?? TEST_START);
    const lab = await Lab.create({ clock, org: options.org, startEngine: false, callbackHost: options.callbackHost });
    const h = new PresenceLab(lab, clock);
    try {
      if (options.parameters) lab.imp.config.parameters.set(options.parameters);
      options.before?.(lab);
      await lab.imp.engine.start();
      await h.settle();
    } catch (err) {
      await lab.stop();
      throw err;
    }
    return h;
  }

  get exchange() {
    return this.lab.exchange;
  }

  get imp() {
    return this.lab.imp;
  }

  /** Pushes being delivered, EWS requests in flight or queued, users subscribing or waiting to. */
  pending(): number {
    const w = this.imp.calendars.pendingWork;
    return this.#pushes + w.requests + w.queued + w.subscribing + w.waitingToSubscribe;
  }

  /** Yield to the event loop until nothing is pending for three turns in a row; bounded by turns. */
  async settle(maxTurns = 500_000): Promise<void> {
    let quiet = 0;
    for (let turn = 0; turn < maxTurns; turn++) {
      await new Promise<void>((r) => setImmediate(r));
      if (this.pending() === 0) {
        if (++quiet >= 3) return;
      } else quiet = 0;
    }
    throw new Error(`the lab did not settle in ${maxTurns} turns: ${JSON.stringify(this.imp.calendars.pendingWork)}`);
  }

  /** Move virtual time to `target` one due instant at a time, settling the I/O each instant's timers start. */
  async advanceTo(target: number): Promise<void> {
    await this.settle();
    for (;;) {
      const next = this.clock.nextDue();
      if (next === undefined || next > target) break;
      this.clock.runUntil(Math.max(next, this.clock.now()));
      await this.settle();
    }
    this.clock.runUntil(Math.max(target, this.clock.now()));
    await this.settle();
  }

  advance(ms: number): Promise<void> {
    return this.advanceTo(this.clock.now() + ms);
  }

  /** Step virtual time without waiting for quiet (some request hangs): `turns` loop turns after each step. */
  async stepThrough(ms: number, stepMs: number, turns = 2_000): Promise<void> {
    const end = this.clock.now() + ms;
    while (this.clock.now() < end) {
      this.clock.runUntil(Math.min(end, this.clock.now() + stepMs));
      for (let i = 0; i < turns && this.pending() > 0; i++) await new Promise<void>((r) => setImmediate(r));
    }
  }

  /** Wait, in loop turns, until `done()` holds; for outcomes of I/O the lab does not count as pending. */
  until(done: () => boolean, what: string, maxTurns = 500_000): Promise<void> {
    return waitUntil(done, what, maxTurns);
  }

  presence(userId: string): ComposedPresence {
    return this.imp.presence.get(userId);
  }

  /** The calendar state Exchange holds for a mailbox at instant t: the strongest block covering t. */
  truth(mailbox: string, t: number): CalendarState {
    const mbx = this.exchange.org.mailbox(mailbox);
    if (!mbx) throw new Error(`no mailbox ${mailbox}`);
    let best: CalendarState = 'free';
    for (const e of mbx.calendar.view(t, t + 1)) {
      if (e.end === e.start) continue;
      const s = stateOf(e.item.freeBusy);
      if (STRENGTH[s] > STRENGTH[best]) best = s;
    }
    return best;
  }

  /** Changes published for one user since `since` (sim time), in order. */
  changesOf(userId: string, since = Number.NEGATIVE_INFINITY): PresenceChange[] {
    return this.changes.filter((c) => c.userId === userId.toLowerCase() && c.at >= since);
  }

  journal(source?: string): string[] {
    return this.lab.journal.entries(source ? { source } : undefined).map((e) => e.message);
  }

  stop(): Promise<void> {
    return this.lab.stop();
  }
}
