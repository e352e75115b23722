/**
 * The product code a bench measures: dist/ (what `pgsim` runs, compiled by tsc) when it is built from the sources
 * as they are now, else the TypeScript sources through tsx. tsx keeps every function's name with a defineProperty
 * call, which gives each closure made at run time its own property store (about 200 bytes) and a call: measured
 * through tsx, the mock and the node carry costs the command does not. Every product module of one process must
 * come from the same side, or their classes differ (instanceof fails): take them all from here.
 */
import { fileURLToPath } from 'node:url';
import { distIsCurrent } from '../cli/bin/source-stamp.js';
import { HEAP_GROWING_PERCENT, limitHeapGrowth, stopPretenuring } from '../sim/heap-growth.ts';

const root = fileURLToPath(new URL('../', import.meta.url));

/** Whether this process runs dist/: it is current and PGSIM_BENCH_SOURCES=1 does not ask for the sources. */
export const compiled = process.env.PGSIM_BENCH_SOURCES !== '1' && distIsCurrent(root);

/** One line for the bench's header: which code ran. */
export const productLine = compiled
  ? 'code: dist/ (compiled, as pgsim runs it)'
  : `code: the TypeScript sources through tsx (${process.env.PGSIM_BENCH_SOURCES === '1' ? 'PGSIM_BENCH_SOURCES=1' : 'dist/ is missing or stale: npm run build'})`;

/** A product module by its path from the repository root without extension, e.g. 'mock-exchange/mock-exchange'. */
export function productModule<T>(path: string): Promise<T> {
  return import(new URL(compiled ? `../dist/${path}.js` : `../${path}.ts`, import.meta.url).href) as Promise<T>;
}

const growthAsked = process.env.PGSIM_BENCH_HEAP_GROWTH;
/** The heap growth bench processes run with: pgsim's, V8's own (PGSIM_BENCH_HEAP_GROWTH=v8) or a percentage. */
export const benchHeapGrowth: number | 'v8' =
  growthAsked === 'v8' ? 'v8' : growthAsked ? Number(growthAsked) : HEAP_GROWING_PERCENT;

/** Whether bench processes keep V8's allocation-site pretenuring (PGSIM_BENCH_PRETENURING=v8); pgsim turns it off. */
export const benchPretenuring = process.env.PGSIM_BENCH_PRETENURING === 'v8';

/**
 * Applies `benchHeapGrowth` to this process (a percentage outside 1..400 is refused by limitHeapGrowth) and, as
 * pgsim does, turns allocation-site pretenuring off unless `benchPretenuring` keeps it.
 */
export function applyBenchHeapGrowth(): void {
  if (benchHeapGrowth !== 'v8') limitHeapGrowth(benchHeapGrowth);
  if (!benchPretenuring) stopPretenuring();
}

/** One line for the bench's header: the heap growth and pretenuring its processes run with. */
export const heapGrowthLine = `${
  benchHeapGrowth === 'v8'
    ? "heap growth V8's own (PGSIM_BENCH_HEAP_GROWTH=v8)"
    : benchHeapGrowth === HEAP_GROWING_PERCENT && growthAsked === undefined
      ? `heap growth ${HEAP_GROWING_PERCENT} %, as pgsim runs`
      : `heap growth ${benchHeapGrowth} % (PGSIM_BENCH_HEAP_GROWTH; pgsim runs ${HEAP_GROWING_PERCENT} %)`
}; ${benchPretenuring ? "V8's allocation-site pretenuring on (PGSIM_BENCH_PRETENURING=v8; pgsim turns it off)" : 'allocation-site pretenuring off, as pgsim runs'}`;
