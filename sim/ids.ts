import { createHash, randomBytes } from 'node:crypto';

/**
 * Reproducible opaque identifiers: the same seed yields the same sequence of ids of each kind,
 * independent of how ids of other kinds were interleaved. Kinds named `unpredictable` also mix in a
 * secret drawn once per generator, so nobody can work them out from the seed (subscription ids).
 */
export class IdGenerator {
  readonly #counters = new Map<string, number>();
  readonly #secrets = new Map<string, string>();

  constructor(
    readonly seed: string | number = 'pgsim',
    options: { unpredictable?: readonly string[] } = {},
  ) {
    for (const kind of options.unpredictable ?? []) this.#secrets.set(kind, randomBytes(32).toString('hex'));
  }

  /** Raw bytes for the n-th id of a kind. */
  bytes(kind: string, length = 24): Buffer {
    const n = (this.#counters.get(kind) ?? 0) + 1;
    this.#counters.set(kind, n);
    const out = Buffer.alloc(length);
    let filled = 0;
    for (let block = 0; filled < length; block++) {
      const secret = this.#secrets.get(kind);
      const input = `${this.seed}\0${kind}\0${n}\0${block}${secret ? `\0${secret}` : ''}`;
      const h = createHash('sha256').update(input).digest();
      filled += h.copy(out, filled);
    }
    return out;
  }

  /** An Exchange-looking base64 id with a fixed prefix (e.g. "AAMkAD" for items). */
  next(kind: string, prefix = '', length = 24): string {
    return prefix + this.bytes(kind, length).toString('base64');
  }

  /** A short hex token (serial numbers, change keys). */
  hex(kind: string, length = 8): string {
    return this.bytes(kind, length).toString('hex');
  }
}
