import { MockExchangeError } from '../mock-exchange-error.ts';
import { type EwsRequestView, RecordedRequest, type RecordInput } from './recorded-request.ts';

/** Default number of requests kept; the oldest go first. */
export const DEFAULT_REQUEST_JOURNAL_CAPACITY = 1_000;

export interface RequestFilter {
  operation?: string;
  /** Matches when the request addresses this mailbox (case-insensitive). */
  mailbox?: string;
  server?: string;
  /** The authenticated account's user name. */
  account?: string;
  /** Received at or after this instant (sim clock, ms or ISO 8601). */
  since?: number | string;
  /** Received at or before this instant (sim clock, ms or ISO 8601). */
  until?: number | string;
}

export interface RequestJournalView {
  capacity: number;
  /** Requests received since the start (or the last clear). */
  total: number;
  /** Requests the ring buffer let go of to stay within capacity. */
  dropped: number;
  requests: EwsRequestView[];
}

/** Every EWS request the organization received, bounded: a ring buffer of `capacity` entries. */
export class RequestJournal {
  readonly #ring: (RecordedRequest | undefined)[];
  #next = 0;
  #total = 0;

  constructor(readonly capacity = DEFAULT_REQUEST_JOURNAL_CAPACITY) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw MockExchangeError.at(
        'INVALID_VALUE',
        'requestJournalCapacity',
        `must be a positive integer, got ${String(capacity)}`,
      );
    this.#ring = new Array(capacity);
  }

  record(input: RecordInput): void {
    this.#ring[this.#next] = new RecordedRequest(++this.#total, input);
    this.#next = (this.#next + 1) % this.capacity;
  }

  get total(): number {
    return this.#total;
  }

  get dropped(): number {
    return Math.max(0, this.#total - this.capacity);
  }

  /** Requests matching the filter, oldest first. */
  query(filter: RequestFilter = {}): EwsRequestView[] {
    const since = instant(filter.since, 'since');
    const until = instant(filter.until, 'until');
    const mailbox = filter.mailbox?.trim().toLowerCase();
    const out: EwsRequestView[] = [];
    const kept = Math.min(this.#total, this.capacity);
    for (let i = 0; i < kept; i++) {
      const r = this.#ring[(this.#next - kept + i + this.capacity) % this.capacity];
      if (!r) continue;
      if (since !== undefined && r.at < since) continue;
      if (until !== undefined && r.at > until) continue;
      if (filter.operation !== undefined && r.operation !== filter.operation) continue;
      const view = r.view();
      if (filter.server !== undefined && view.server !== filter.server) continue;
      if (filter.account !== undefined && view.auth.account !== filter.account) continue;
      if (mailbox !== undefined && !view.mailboxes.includes(mailbox)) continue;
      out.push(view);
    }
    return out;
  }

  snapshot(filter: RequestFilter = {}): RequestJournalView {
    return { capacity: this.capacity, total: this.#total, dropped: this.dropped, requests: this.query(filter) };
  }

  /** Forget every request (a test's fresh start); the counters start again at zero. */
  clear(): void {
    this.#ring.fill(undefined);
    this.#next = 0;
    this.#total = 0;
  }
}

function instant(value: number | string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const ms = typeof value === 'number' ? value : Date.parse(value);
  if (!Number.isFinite(ms))
    throw MockExchangeError.at('INVALID_VALUE', name, `must be a time (ms or ISO 8601), got "${String(value)}"`);
  return ms;
}
