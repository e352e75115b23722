import { createHash } from 'node:crypto';

/** A seeded random source (mulberry32 seeded from SHA-256 of the seed and a stream name): same seed, same draws. */
export class SeededRandom {
  #state: number;

  constructor(seed: string, stream: string) {
    this.#state = createHash('sha256').update(`${seed}\0${stream}`).digest().readUInt32BE(0);
  }

  /** A float in [0, 1). */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) | 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }
}
