import { setFlagsFromString } from 'node:v8';

/**
 * How far V8 lets the heap grow past the live data of its last full collection before the next one, in percent.
 * Left to itself it grows by up to 4 x when allocation is fast, and a mock Exchange answering a subscribe burst
 * allocates fast. bench/presence-scale at 50,000 users (compiled, quiet machine), growth: peak RSS mock / node,
 * time to subscribe: V8's own 784 / 558 MB, 63.7 s; 60 % 490 / 443 MB, 67.7 s; 40 % 467 / 417 MB, 63.0 s;
 * 20 % 429 / 412 MB, 85.2 s (full collections of a large live heap too often).
 */
export const HEAP_GROWING_PERCENT = 40;

/** Caps the heap growth of this process; V8 reads the flag each time it sets the next collection's limit. */
export function limitHeapGrowth(percent = HEAP_GROWING_PERCENT): void {
  if (!Number.isInteger(percent) || percent < 1 || percent > 400)
    throw new RangeError(`heap growing percent must be an integer from 1 to 400, not ${percent}`);
  setFlagsFromString(`--heap-growing-percent=${percent}`);
}
