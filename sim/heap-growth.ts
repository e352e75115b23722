import { setFlagsFromString } from 'node:v8';

/**
 * How far V8 lets the heap grow past the live data of its last full collection before the next one, in percent.
 * Left to itself it grows by up to 4 x when allocation is fast, and a mock Exchange answering a subscribe burst
 * allocates fast. bench/presence-scale at 50,000 users (compiled, quiet machine), growth: peak RSS mock / node,
 * time to subscribe: V8's own 784 / 558 MB, 63.7 s; 60 % 490 / 443 MB, 67.7 s; 40 % 467 / 417 MB, 63.0 s;
 * 20 % 429 / 412 MB, 85.2 s (full collections of a large live heap too often).
 */
export const HEAP_GROWING_PERCENT = 40;

/**
 * Turns off V8's allocation-site pretenuring in this process: V8 then never decides, from how many objects of one
 * allocation site survived a young collection, to allocate that site's objects in the old generation from then on.
 * It was turned off when readXml of a 5.8 KB FindItem response took 170-185 us in some process starts and 290-310
 * us in others. Measured since with the process pinned to one CPU, that spread is the CPU, not pretenuring: on the
 * development machine one CPU takes 296-321 us and the other 166-185 us, and pinned to the faster one readXml
 * takes 179-196 us with pretenuring on or off alike. It stays off, which costs nothing. V8 reads the flag at each
 * collection.
 */
export function stopPretenuring(): void {
  setFlagsFromString('--no-allocation-site-pretenuring');
}

/** The V8 heap settings every pgsim process runs with: heap growth capped, no allocation-site pretenuring. */
export function applyHeapSettings(): void {
  limitHeapGrowth();
  stopPretenuring();
}

/** Caps the heap growth of this process; V8 reads the flag each time it sets the next collection's limit. */
export function limitHeapGrowth(percent = HEAP_GROWING_PERCENT): void {
  if (!Number.isInteger(percent) || percent < 1 || percent > 400)
    throw new RangeError(`heap growing percent must be an integer from 1 to 400, not ${percent}`);
  setFlagsFromString(`--heap-growing-percent=${percent}`);
}
