import type { VirtualClock } from '../sim/clock.ts';
import type { Journal } from '../sim/journal.ts';
import { LabActivity } from './lab-activity.ts';

/** Event-loop turns without any progress after which the lab counts as quiet. */
const QUIET_ROUNDS = 16;
/** The same while HTTP requests are in flight: they may be waiting on virtual time (a hung server). */
const STUCK_ROUNDS = 96;
/** A lab that never goes quiet is a bug (a busy loop, an endless retry without the clock). */
const MAX_ROUNDS = 200_000;
/** Timers fired in one advance before it counts as runaway. */
const MAX_TIMERS = 200_000;

export class LabNotQuietError extends Error {}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

export interface DriverStats {
  settles: number;
  rounds: number;
  timersFired: number;
  /** Settles that ended with requests still in flight, waiting on virtual time. */
  waitingOnClock: number;
}

/**
 * Moves virtual time the way a scenario needs it: timer by timer, letting real socket I/O on loopback
 * finish between timers, so an EWS call started by a timer completes before its own timeout is due.
 */
export class TimeDriver {
  readonly activity = new LabActivity();
  readonly stats: DriverStats = { settles: 0, rounds: 0, timersFired: 0, waitingOnClock: 0 };
  #journalEntries = 0;
  readonly #unsubscribe: () => void;

  constructor(
    readonly clock: VirtualClock,
    journal: Journal,
    /** The lab's own count of EWS calls, queued subscriptions and pushes in flight. */
    readonly pendingWork: () => number = () => 0,
  ) {
    this.#unsubscribe = journal.subscribe(() => {
      this.#journalEntries++;
    });
  }

  /** Wait, in event-loop turns, until nothing moves: no bytes, sockets, requests or journal entries. */
  async settle(): Promise<void> {
    this.stats.settles++;
    let last = '';
    let still = 0;
    for (let round = 0; round < MAX_ROUNDS; round++) {
      await turn();
      this.stats.rounds++;
      const pending = this.pendingWork();
      const sig = `${this.activity.signature()}/${this.#journalEntries}/${pending}`;
      if (sig !== last) {
        last = sig;
        still = 0;
        continue;
      }
      still++;
      const waiting = pending > 0 || this.activity.requestsInFlight > 0;
      if (still >= (waiting ? STUCK_ROUNDS : QUIET_ROUNDS)) {
        if (waiting) this.stats.waitingOnClock++;
        return;
      }
    }
    throw new LabNotQuietError(`the lab did not go quiet within ${MAX_ROUNDS} event-loop turns`);
  }

  /** Advance virtual time to `target`, firing due timers one instant at a time with I/O settled in between. */
  async advanceTo(target: number): Promise<number> {
    if (target < this.clock.now()) throw new RangeError(`cannot go back to ${new Date(target).toISOString()}`);
    let fired = 0;
    await this.settle();
    for (;;) {
      const due = this.clock.nextDue();
      if (due === undefined || due > target) break;
      this.clock.runUntil(due);
      if (++fired > MAX_TIMERS) throw new LabNotQuietError(`more than ${MAX_TIMERS} timers fired in one advance`);
      await this.settle();
    }
    this.clock.runUntil(target);
    await this.settle();
    this.stats.timersFired += fired;
    return fired;
  }

  /**
   * Await work that may wait on virtual time (a status refresh against a hung server waits for Exchange
   * Timeout): settle, and while it is still pending move the clock to the next timer, up to `limitMs`.
   */
  async drive<T>(work: Promise<T>, limitMs = 10 * 60_000): Promise<T> {
    let done = false;
    work.then(
      () => {
        done = true;
      },
      () => {
        done = true;
      },
    );
    const start = this.clock.now();
    await this.settle();
    while (!done) {
      const due = this.clock.nextDue();
      if (due === undefined || due - start > limitMs) {
        throw new LabNotQuietError(
          `still waiting after ${Math.round((this.clock.now() - start) / 1000)} s of virtual time with nothing left to wait for`,
        );
      }
      this.clock.runUntil(due);
      this.stats.timersFired++;
      await this.settle();
    }
    return work;
  }

  dispose(): void {
    this.#unsubscribe();
    this.activity.dispose();
  }
}
