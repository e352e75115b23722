import type { CalendarState } from '../../gateway/calendar/meeting-state.ts';
import type { ServiceParameters } from '../../gateway/config/service-parameters.ts';
import type { ComposedPresence } from '../../gateway/presence/presence-composer.ts';
import type { PresenceChange } from '../../gateway/presence/presence-store.ts';
import { Lab } from '../../lab/create-lab.ts';
import type { TimeDriver } from '../../lab/time-driver.ts';
import type { LegacyFreeBusyStatus } from '../../mock-exchange/calendar.ts';
import type { OrgConfig } from '../../mock-exchange/org-config.ts';
import { VirtualClock } from '../../sim/clock.ts';
import { TEST_START } from './test-org.ts';

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
 * user subscribed. Time moves through the lab's one time driver, so each step of virtual time completes
 * its real socket I/O before the next.
 */
export class PresenceLab {
  readonly changes: PresenceChange[] = [];

  private constructor(
    readonly lab: Lab,
    readonly clock: VirtualClock,
  ) {
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

  get time(): TimeDriver {
    return this.lab.time as TimeDriver;
  }

  /** Work the lab's time driver waits for: queued subscribes and registered I/O (EWS requests, pushes). */
  pending(): number {
    return this.lab.pendingWork() + this.time.inFlight.count;
  }

  /** Let the I/O the last step of virtual time set off finish, as the lab's time driver defines it. */
  settle(): Promise<void> {
    return this.time.settle();
  }

  /** Move virtual time to `target` one due instant at a time, settling the I/O each instant's timers start. */
  async advanceTo(target: number): Promise<void> {
    await this.time.advanceTo(Math.max(target, this.clock.now()));
  }

  advance(ms: number): Promise<void> {
    return this.advanceTo(this.clock.now() + ms);
  }

  /** Step virtual time in `stepMs` slices through a stretch where some wire is held by a fault. */
  async stepThrough(ms: number, stepMs: number): Promise<void> {
    const end = this.clock.now() + ms;
    while (this.clock.now() < end) await this.advanceTo(Math.min(end, this.clock.now() + stepMs));
  }

  /** Wait, in loop turns, until `done()` holds; for outcomes of I/O the lab does not count as pending. */
  until(done: () => boolean, what: string): Promise<void> {
    return this.time.until(done, what);
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
