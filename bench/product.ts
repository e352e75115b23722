/**
 * The product code a bench measures: dist/ (what `pgsim` runs, compiled by tsc) when it is built from the sources
 * as they are now, else the TypeScript sources through tsx. tsx keeps every function's name with a defineProperty
 * call, which gives each closure made at run time its own property store (about 200 bytes) and a call: measured
 * through tsx, the mock and the node carry costs the command does not. Every product module of one process must
 * come from the same side, or their classes differ (instanceof fails): take them all from here.
 */
import { fileURLToPath } from 'node:url';
import { distIsCurrent } from '../cli/bin/source-stamp.js';

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
