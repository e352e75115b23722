/** One user's record over the run: mismatched minutes by phase and the last sample that mismatched. */
export interface UserRecord {
  userId: string;
  mailbox: string;
  mismatched: { before: number; during: number; after: number };
  lastMismatchAt?: number;
  /** What the last sample saw. */
  last?: { at: number; expected: string; published: string };
}

/** The fault period: from the first fault's start to the instant the last one cleared. */
export interface FaultPeriod {
  from: number;
  to: number;
}

/**
 * Tallies each sample of published presence against the truth: mismatched user-minutes before, during and
 * after the fault period, and each user's last mismatch, from which convergence is read.
 */
export class ConvergenceTracker {
  readonly users: UserRecord[];
  #lastSampleAt: number | undefined;

  constructor(
    users: readonly { userId: string; mailbox: string }[],
    readonly period: FaultPeriod,
  ) {
    this.users = users.map((u) => ({ ...u, mismatched: { before: 0, during: 0, after: 0 } }));
  }

  record(at: number, index: number, expected: string, published: string): void {
    const u = this.users[index];
    if (!u) throw new RangeError(`no user at index ${index}`);
    this.#lastSampleAt = at;
    u.last = { at, expected, published };
    if (expected === published) return;
    u.lastMismatchAt = at;
    const phase = at < this.period.from ? 'before' : at <= this.period.to ? 'during' : 'after';
    u.mismatched[phase]++;
  }

  /**
   * How long after the last fault cleared the user's published presence began to match the truth for good
   * (0 when it never mismatched after), or null when it still mismatched at the last sample.
   */
  convergedAfter(u: UserRecord, sampleStepMs: number): number | null {
    if (u.lastMismatchAt === undefined || u.lastMismatchAt < this.period.to) return 0;
    if (u.lastMismatchAt === this.#lastSampleAt) return null;
    return u.lastMismatchAt + sampleStepMs - this.period.to;
  }
}

/** Nearest-rank percentile of a list (0 for an empty one). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
}
