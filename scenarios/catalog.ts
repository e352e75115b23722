import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** scenarios/catalog: one YAML file per troubleshooting case. */
export const CATALOG_DIR = join(dirname(fileURLToPath(import.meta.url)), 'catalog');

export function catalogFiles(): string[] {
  return readdirSync(CATALOG_DIR)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => join(CATALOG_DIR, f));
}

export function catalogIds(): string[] {
  return catalogFiles().map((f) => f.slice(CATALOG_DIR.length + 1, -'.yaml'.length));
}

/** A catalog id ("ssl-cn-mismatch") or a path to a scenario file. */
export function resolveScenarioRef(ref: string): string {
  if (ref.endsWith('.yaml') || ref.endsWith('.yml') || ref.includes('/')) return resolve(ref);
  const file = join(CATALOG_DIR, `${ref}.yaml`);
  if (!existsSync(file)) {
    throw new Error(`no scenario "${ref}" in the catalog; try "pgsim list" (known: ${catalogIds().join(', ')})`);
  }
  return file;
}
