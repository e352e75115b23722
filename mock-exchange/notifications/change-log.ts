import { decodeWatermark, encodeWatermark } from './watermark.ts';

/** Exchange keeps mailbox events for 30 days; older watermarks are ErrorInvalidWatermark. */
export const DEFAULT_RETENTION_MS = 30 * 24 * 3_600_000;

export type ChangeEventType = 'CreatedEvent' | 'ModifiedEvent' | 'DeletedEvent';

/** One mailbox event: an item or the calendar folder itself changed. */
export interface ChangeEvent {
  seq: number;
  /** The watermark after this event. */
  watermark: string;
  type: ChangeEventType;
  at: number;
  target: { kind: 'item' | 'folder'; id: string; changeKey: string };
  parentFolderId: string;
}

export type WatermarkPosition =
  | { ok: true; seq: number }
  | { ok: false; reason: 'malformed' | 'other-mailbox' | 'unknown' | 'expired' };

/** The events of one mailbox, numbered from 1, each with a reproducible watermark, kept for a retention window. */
export class MailboxChangeLog {
  readonly #entries: ChangeEvent[] = [];
  #head = 0;

  constructor(
    readonly address: string,
    readonly tag: Buffer,
    readonly now: () => number,
    readonly retentionMs = DEFAULT_RETENTION_MS,
  ) {}

  /** Sequence number of the newest event (0 before any). */
  get head(): number {
    return this.#head;
  }

  get size(): number {
    return this.#entries.length;
  }

  append(type: ChangeEventType, target: ChangeEvent['target'], parentFolderId: string): ChangeEvent {
    this.#prune();
    const seq = ++this.#head;
    const event: ChangeEvent = { seq, watermark: this.watermark(seq), type, at: this.now(), target, parentFolderId };
    this.#entries.push(event);
    return event;
  }

  watermark(seq: number): string {
    return encodeWatermark(this.tag, seq);
  }

  /** Events after position `seq`, oldest first, up to `horizon` (inclusive). */
  *after(seq: number, horizon = this.#head): Generator<ChangeEvent> {
    const first = this.#entries[0];
    if (!first) return;
    for (let i = Math.max(0, seq + 1 - first.seq); i < this.#entries.length; i++) {
      const e = this.#entries[i]!;
      if (e.seq > horizon) return;
      yield e;
    }
  }

  /** Where a watermark points in this log, or why it cannot be used here. */
  position(watermark: string): WatermarkPosition {
    const decoded = decodeWatermark(watermark);
    if (!decoded) return { ok: false, reason: 'malformed' };
    if (!decoded.tag.equals(this.tag)) return { ok: false, reason: 'other-mailbox' };
    if (decoded.seq > this.#head) return { ok: false, reason: 'unknown' };
    this.#prune();
    const oldest = this.#entries[0]?.seq ?? this.#head + 1;
    if (decoded.seq < oldest - 1) return { ok: false, reason: 'expired' };
    return { ok: true, seq: decoded.seq };
  }

  /**
   * Whether events after position `seq` have already left the retention window (so a reader there missed
   * some); the position to resume from is then `oldestRetained() - 1`.
   */
  missedAfter(seq: number): boolean {
    this.#prune();
    return seq < this.oldestRetained() - 1;
  }

  /** Sequence number of the oldest event still kept (head + 1 when none is). */
  oldestRetained(): number {
    return this.#entries[0]?.seq ?? this.#head + 1;
  }

  #prune(): void {
    const cutoff = this.now() - this.retentionMs;
    let n = 0;
    while (n < this.#entries.length && this.#entries[n]!.at < cutoff) n++;
    if (n > 0) this.#entries.splice(0, n);
  }
}
