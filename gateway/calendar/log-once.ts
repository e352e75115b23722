import { createHash } from 'node:crypto';

/**
 * Remembers which keys were already logged, up to `max` of them (oldest forgotten first), as digests:
 * a flood of distinct 1 MB keys costs 32 bytes each and at most `max` entries.
 */
export class LogOnce {
  readonly #seen = new Set<string>();

  constructor(readonly max = 1024) {}

  /** True the first time a key is seen (since it was last forgotten). */
  first(key: string): boolean {
    const digest = createHash('sha256').update(key).digest('base64');
    if (this.#seen.has(digest)) return false;
    this.#seen.add(digest);
    if (this.#seen.size > this.max) this.#seen.delete(this.#seen.values().next().value as string);
    return true;
  }
}
