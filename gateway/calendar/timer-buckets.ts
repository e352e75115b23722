import type { Clock, TimerHandle } from '../../sim/clock.ts';

/**
 * Per-user deadlines that may run up to `granularityMs` late (the daily refresh, the silence watchdog): one
 * clock timer per due instant, rounded up to the granularity, shared by every key due then, and one shared
 * handler instead of a timer and a closure per user.
 */
export class TimerBuckets<K> {
  readonly #buckets = new Map<number, { handle: TimerHandle; keys: Set<K> }>();
  readonly #dueOf = new Map<K, number>();

  constructor(
    readonly clock: Clock,
    readonly granularityMs: number,
    readonly fire: (key: K) => void,
  ) {}

  get size(): number {
    return this.#dueOf.size;
  }

  /** Timers in use (one per bucket), for the bench. */
  get timers(): number {
    return this.#buckets.size;
  }

  /** Run `fire(key)` at `at` (rounded up to the granularity), replacing the key's earlier deadline. */
  set(key: K, at: number): void {
    this.delete(key);
    const due = Math.ceil(at / this.granularityMs) * this.granularityMs;
    this.#dueOf.set(key, due);
    const bucket = this.#buckets.get(due);
    if (bucket) {
      bucket.keys.add(key);
      return;
    }
    const keys = new Set<K>([key]);
    const handle = this.clock.setTimeout(() => this.#ring(due), due - this.clock.now());
    this.#buckets.set(due, { handle, keys });
  }

  delete(key: K): void {
    const due = this.#dueOf.get(key);
    if (due === undefined) return;
    this.#dueOf.delete(key);
    const bucket = this.#buckets.get(due);
    if (!bucket) return;
    bucket.keys.delete(key);
    if (bucket.keys.size > 0) return;
    this.clock.clearTimeout(bucket.handle);
    this.#buckets.delete(due);
  }

  clear(): void {
    for (const b of this.#buckets.values()) this.clock.clearTimeout(b.handle);
    this.#buckets.clear();
    this.#dueOf.clear();
  }

  #ring(due: number): void {
    const bucket = this.#buckets.get(due);
    if (!bucket) return;
    this.#buckets.delete(due);
    for (const key of bucket.keys) {
      // A key moved to another deadline by an earlier handler of this bucket is not due now.
      if (this.#dueOf.get(key) !== due) continue;
      this.#dueOf.delete(key);
      this.fire(key);
    }
  }
}
