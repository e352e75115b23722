/** The failure that locks a user ID out (a directory's account lockout threshold). */
export const USER_LOCKOUT_THRESHOLD = 5;
/** The failure, over all user IDs, that locks one client address out (several people may share an address). */
export const ADDRESS_LOCKOUT_THRESHOLD = 20;
/** The first lockout; each further failure doubles it, up to MAX_LOCKOUT_MS. */
export const FIRST_LOCKOUT_MS = 1_000;
export const MAX_LOCKOUT_MS = 15 * 60_000;
/** A record with no failure for this long is forgotten (the directory's reset-counter-after). */
export const FORGET_AFTER_MS = 30 * 60_000;
/** Records kept at most: a flood of made-up user IDs cannot grow memory without bound. */
const MAX_RECORDS = 10_000;

interface Failures {
  count: number;
  last: number;
  lockedUntil: number;
}

/**
 * Login failures per user ID and per client address on the node's clock: past a threshold each failure
 * locks the ID (or address) out for twice as long as the last, as a directory's lockout would.
 */
export class LoginThrottle {
  readonly #records = new Map<string, Failures>();

  constructor(readonly now: () => number) {}

  /** How long (ms) a login for this user from this address must wait; 0 when it may try now. */
  waitFor(user: string, address: string): number {
    const now = this.now();
    const until = Math.max(
      this.#get(userKey(user), now)?.lockedUntil ?? 0,
      this.#get(`a:${address}`, now)?.lockedUntil ?? 0,
    );
    return Math.max(0, until - now);
  }

  /** A failed login: counts against the user ID and the address; returns the lockout it starts (0 = none). */
  failed(user: string, address: string): number {
    const now = this.now();
    const a = this.#fail(userKey(user), USER_LOCKOUT_THRESHOLD, now);
    const b = this.#fail(`a:${address}`, ADDRESS_LOCKOUT_THRESHOLD, now);
    return Math.max(a, b);
  }

  /** A successful login clears the user ID's failures (not the address's: one known account must not reset it). */
  succeeded(user: string): void {
    this.#records.delete(userKey(user));
  }

  get size(): number {
    return this.#records.size;
  }

  #get(key: string, now: number): Failures | undefined {
    const r = this.#records.get(key);
    if (r && now - r.last >= FORGET_AFTER_MS && now >= r.lockedUntil) {
      this.#records.delete(key);
      return undefined;
    }
    return r;
  }

  #fail(key: string, threshold: number, now: number): number {
    const r = this.#get(key, now) ?? { count: 0, last: now, lockedUntil: 0 };
    r.count++;
    r.last = now;
    const over = r.count - threshold;
    const lockout = over >= 0 ? Math.min(FIRST_LOCKOUT_MS * 2 ** Math.min(over, 30), MAX_LOCKOUT_MS) : 0;
    r.lockedUntil = lockout > 0 ? now + lockout : 0;
    // Re-inserted last, so the first key is always the least recently failed: the one to drop when full.
    this.#records.delete(key);
    this.#records.set(key, r);
    if (this.#records.size > MAX_RECORDS) this.#records.delete(this.#records.keys().next().value as string);
    return lockout;
  }
}

function userKey(user: string): string {
  return `u:${user.toLowerCase().slice(0, 256)}`;
}
