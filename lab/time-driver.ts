import type { VirtualClock } from '../sim/clock.ts';
import { type InFlight, inFlight } from '../sim/in-flight.ts';
import type { Journal } from '../sim/journal.ts';
import { LabActivity } from './lab-activity.ts';

/** Event-loop turns without any progress after which the lab counts as quiet. */
const QUIET_ROUNDS = 16;
/** The same while work may be waiting on virtual time (a fault's hold, a queued subscribe, a long-lived request). */
const STUCK_ROUNDS = 96;
/** A lab that never goes quiet is a bug (a busy loop, an endless retry without the clock). */
const MAX_ROUNDS = 200_000;
/** Timers fired in one advance before it counts as runaway. */
const MAX_TIMERS = 200_000;
/** Real time that registered I/O may go without progress before virtual time moves on anyway (and says so). */
export const DEFAULT_SAFETY_MS = 15_000;

export class LabNotQuietError extends Error {}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 1));

export interface DriverStats {
  settles: number;
  rounds: number;
  timersFired: number;
  /** Settles that ended with work waiting on virtual time (a fault holds the wire, a queued subscribe). */
  waitingOnClock: number;
  /** Settles that gave up on in-flight I/O at the real-time safety limit; each is logged. */
  safetyStops: number;
}

export interface TimeDriverOptions {
  /** The lab's count of work queued inside components (subscribe queue, users waiting to subscribe). */
  pendingWork?: () => number;
  /** Real-time safety limit for in-flight I/O without progress, in ms. */
  safetyMs?: number;
}

/**
 * The one way virtual time moves in a lab, stepped or live: timer by timer, and never while real I/O
 * that the lab started (registered in the clock's in-flight registry) is on the wire, unless a fault
 * holds that wire on purpose; then the timeout it waits for is virtual and deliberate.
 */
export class TimeDriver {
  readonly activity = new LabActivity();
  readonly inFlight: InFlight;
  readonly stats: DriverStats = { settles: 0, rounds: 0, timersFired: 0, waitingOnClock: 0, safetyStops: 0 };
  readonly #pendingWork: () => number;
  readonly #safetyMs: number;
  #journalEntries = 0;
  readonly #unsubscribe: () => void;

  constructor(
    readonly clock: VirtualClock,
    readonly journal: Journal,
    options: TimeDriverOptions = {},
  ) {
    this.inFlight = inFlight(clock);
    this.#pendingWork = options.pendingWork ?? (() => 0);
    this.#safetyMs = options.safetyMs ?? DEFAULT_SAFETY_MS;
    this.#unsubscribe = journal.subscribe(() => {
      this.#journalEntries++;
    });
  }

  /** Wait, in event-loop turns, until nothing moves and no registered I/O is in flight. */
  async settle(): Promise<void> {
    this.stats.settles++;
    let last = '';
    let still = 0;
    let progressAt = Date.now();
    for (let round = 0; round < MAX_ROUNDS; round++) {
      // Past the usual quiet window only real I/O is awaited: stop spinning the CPU it needs.
      await (still > STUCK_ROUNDS ? pause() : turn());
      this.stats.rounds++;
      const pending = this.#pendingWork();
      const sig = `${this.activity.signature()}/${this.#journalEntries}/${pending}/${this.inFlight.changes}`;
      if (sig !== last) {
        last = sig;
        still = 0;
        progressAt = Date.now();
        continue;
      }
      still++;
      if (this.inFlight.count > 0 && this.inFlight.held === 0) {
        if (Date.now() - progressAt < this.#safetyMs) continue;
        this.#safetyStop();
        return;
      }
      const waiting = this.inFlight.count > 0 || pending > 0 || this.activity.requestsInFlight > 0;
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
      this.clock.runUntil(Math.max(due, this.clock.now()));
      if (++fired > MAX_TIMERS) throw new LabNotQuietError(`more than ${MAX_TIMERS} timers fired in one advance`);
      await this.settle();
    }
    if (target > this.clock.now()) this.clock.runUntil(target);
    await this.settle();
    this.stats.timersFired += fired;
    return fired;
  }

  advance(ms: number): Promise<number> {
    return this.advanceTo(this.clock.now() + ms);
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
      this.clock.runUntil(Math.max(due, this.clock.now()));
      this.stats.timersFired++;
      await this.settle();
    }
    return work;
  }

  /** Wait in event-loop turns, without moving virtual time, until `done()` holds (an outcome nothing registers). */
  until(done: () => boolean, what = 'condition', maxRounds = MAX_ROUNDS): Promise<void> {
    return untilRounds(done, what, maxRounds);
  }

  dispose(): void {
    this.#unsubscribe();
    this.activity.dispose();
  }

  #safetyStop(): void {
    this.stats.safetyStops++;
    this.journal.record(
      'warn',
      'time-driver',
      `real-time safety limit: ${this.inFlight.count} operation(s) made no progress for ${this.#safetyMs / 1000} s ` +
        `of real time (${this.inFlight.describe()}); virtual time moves on without them`,
      { inFlight: this.inFlight.count, safetyMs: this.#safetyMs },
    );
  }
}

/** Wait in event-loop turns until `done()` holds, with no lab to drive (a condition on real I/O alone). */
export function settleUntil(done: () => boolean, what = 'condition', maxRounds = 5000): Promise<void> {
  return untilRounds(done, what, maxRounds);
}

async function untilRounds(done: () => boolean, what: string, maxRounds: number): Promise<void> {
  for (let round = 0; round < maxRounds; round++) {
    if (done()) return;
    await (round % 50 === 49 ? pause() : turn());
  }
  if (!done()) throw new LabNotQuietError(`${what} did not happen within ${maxRounds} event-loop turns`);
}
