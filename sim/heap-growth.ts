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
 * Turns off V8's allocation-site pretenuring in this process. V8 decides at run time, from how many objects of
 * one allocation site survived a young collection, to allocate that site's objects in the old generation from then
 * on. Whether it does for the strings sax builds character by character depends on when collections happen to
 * fall, and when it does, parsing runs at about half speed for the rest of the process: readXml of a 5.8 KB
 * FindItem response took 170-185 us or 290-310 us from one start of the same process to the next; with pretenuring
 * off, 172-185 us in every one of 12 starts. bench/presence-scale, 50,000 users: 40.3-49.8 s to subscribe in four
 * runs with pretenuring on, 32.2 s with it off; 20,000 users: 16.1-21.4 s, 13.8 s twice. V8 reads the flag at
 * each collection.
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
