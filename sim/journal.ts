import type { Clock } from './clock.ts';
import { wireData, wireText } from './wire-text.ts';

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

/** The longest message and data string an entry keeps: a backstop behind the call sites' own wireText bounds. */
export const JOURNAL_TEXT_LIMIT = 1024;

/**
 * An append-only, bounded record of what happened, stamped with the sim Clock. A ring of `capacity`
 * entries, each with bounded, escaped text: its memory never exceeds capacity times the largest entry.
 */
export class Journal {
  readonly #ring: (JournalEntry | undefined)[];
  readonly #listeners = new Set<JournalListener>();
  #seq = 0;

  constructor(
    readonly clock: Clock,
    readonly capacity = 10_000,
  ) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new Error(`journal capacity ${capacity}: not a positive integer`);
    this.#ring = new Array(capacity);
  }

  record(level: JournalLevel, source: string, message: string, data?: Record<string, unknown>): JournalEntry {
    const entry: JournalEntry = {
      seq: ++this.#seq,
      at: this.clock.now(),
      level,
      source: wireText(source, 128),
      message: wireText(message, JOURNAL_TEXT_LIMIT),
      data: data === undefined ? undefined : (wireData(data, JOURNAL_TEXT_LIMIT) as Record<string, unknown>),
    };
    this.#ring[(entry.seq - 1) % this.capacity] = entry;
    for (const l of this.#listeners) l(entry);
    return entry;
  }

  /** How many entries are held now (never more than capacity). */
  get size(): number {
    return Math.min(this.#seq, this.capacity);
  }

  entries(filter?: { source?: string; level?: JournalLevel; since?: number }): JournalEntry[] {
    const out: JournalEntry[] = [];
    for (let seq = Math.max(1, this.#seq - this.capacity + 1); seq <= this.#seq; seq++) {
      const e = this.#ring[(seq - 1) % this.capacity];
      if (!e) continue;
      if (filter?.source && e.source !== filter.source) continue;
      if (filter?.level && e.level !== filter.level) continue;
      if (filter?.since !== undefined && e.seq <= filter.since) continue;
      out.push(e);
    }
    return out;
  }

  subscribe(listener: JournalListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
