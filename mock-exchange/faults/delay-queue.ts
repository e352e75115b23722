import type { Clock, TimerHandle } from '../../sim/clock.ts';
import { inFlight } from '../../sim/in-flight.ts';

/**
 * Runs actions at given instants, strictly in the order they were queued (a later action never
 * overtakes an earlier one, whatever the jitter), with one Clock timer at a time.
 */
export class DelayQueue {
  readonly #items: { due: number; action: () => void }[] = [];
  #timer: TimerHandle | undefined;
  #lastDue = Number.NEGATIVE_INFINITY;
  #firing = false;
  /** While bytes wait on the clock, the wire is held on purpose (latency). */
  #release: (() => void) | undefined;

  constructor(readonly clock: Clock) {}

  get pending(): number {
    return this.#items.length;
  }

  /** Run `action` `delay` ms from now, or right after the previously queued action if that is later. */
  push(delay: number, action: () => void): void {
    const now = this.clock.now();
    const due = Math.max(now + Math.max(0, delay), this.#lastDue);
    this.#lastDue = due;
    // Nothing to wait for: a virtual clock would otherwise hold even a 0 ms delay until it advances.
    if (due <= now && this.#items.length === 0 && !this.#firing) {
      action();
      return;
    }
    this.#items.push({ due, action });
    this.#release ??= inFlight(this.clock).hold('latency delays bytes');
    if (!this.#timer && !this.#firing) this.#arm();
  }

  clear(): void {
    this.clock.clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#items.length = 0;
    this.#letGo();
  }

  #letGo(): void {
    this.#release?.();
    this.#release = undefined;
  }

  #arm(): void {
    const head = this.#items[0];
    if (!head) return;
    this.#timer = this.clock.setTimeout(() => this.#fire(), head.due - this.clock.now());
  }

  #fire(): void {
    this.#timer = undefined;
    this.#firing = true;
    try {
      const now = this.clock.now();
      while (this.#items[0] && this.#items[0].due <= now) this.#items.shift()?.action();
    } finally {
      this.#firing = false;
    }
    if (!this.#timer) this.#arm();
    if (this.#items.length === 0) this.#letGo();
  }
}
