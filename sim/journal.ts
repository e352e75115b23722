import type { Clock } from './clock.ts';

export type JournalLevel = 'debug' | 'info' | 'warn' | 'error';

export interface JournalEntry {
  seq: number;
  at: number;
  level: JournalLevel;
  source: string;
  message: string;
  data?: Record<string, unknown>;
}

export type JournalListener = (entry: JournalEntry) => void;

/** An append-only, bounded record of what happened, stamped with the sim Clock. */
export class Journal {
  readonly #entries: JournalEntry[] = [];
  readonly #listeners = new Set<JournalListener>();
  #seq = 0;

  constructor(
    readonly clock: Clock,
    readonly capacity = 10_000,
  ) {}

  record(level: JournalLevel, source: string, message: string, data?: Record<string, unknown>): JournalEntry {
    const entry: JournalEntry = { seq: ++this.#seq, at: this.clock.now(), level, source, message, data };
    this.#entries.push(entry);
    // Trim in batches: dropping one entry from the front on every record costs O(capacity) each time.
    if (this.#entries.length >= 2 * this.capacity) this.#entries.splice(0, this.#entries.length - this.capacity);
    for (const l of this.#listeners) l(entry);
    return entry;
  }

  entries(filter?: { source?: string; level?: JournalLevel; since?: number }): JournalEntry[] {
    const first = Math.max(0, this.#entries.length - this.capacity);
    return this.#entries.filter(
      (e, i) =>
        i >= first &&
        (!filter?.source || e.source === filter.source) &&
        (!filter?.level || e.level === filter.level) &&
        (filter?.since === undefined || e.seq > filter.since),
    );
  }

  subscribe(listener: JournalListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
