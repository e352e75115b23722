import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** DESIGN §1, top to bottom: each layer imports only from layers below it. Same rank = siblings that never meet. */
const LAYERS: Record<string, number> = {
  api: 7,
  cli: 6,
  dashboard: 5,
  scenarios: 4,
  lab: 3,
  gateway: 2,
  'mock-exchange': 2,
  ews: 1,
  sim: 1,
};

const IMPORT =
  /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^import\s*['"]([^'"]+)['"]/gm;

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
    const path = posix.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(path));
    else if (/\.(ts|js)$/.test(entry.name)) out.push(path);
  }
  return out;
}

/** Relative import specifiers of a source text, resolved against the importing file. */
function importedPaths(file: string, text: string): string[] {
  const paths: string[] = [];
  for (const match of text.matchAll(IMPORT)) {
    const spec = match[1] ?? match[2] ?? match[3];
    if (spec?.startsWith('.')) paths.push(posix.normalize(posix.join(posix.dirname(file), spec)));
  }
  return paths;
}

const layerOf = (path: string) => path.split('/')[0] ?? '';

function projectSources(): Map<string, string> {
  const sources = new Map<string, string>();
  for (const layer of Object.keys(LAYERS)) {
    for (const file of sourceFiles(layer)) sources.set(file, readFileSync(join(ROOT, file), 'utf8'));
  }
  return sources;
}

/** Every import that points up, or across between two layers of the same rank. */
function violations(sources: Map<string, string>): string[] {
  const found: string[] = [];
  for (const [file, text] of sources) {
    for (const target of importedPaths(file, text)) {
      const to = layerOf(target);
      const from = layerOf(file);
      if (to === from) continue;
      const rank = LAYERS[to];
      if (rank === undefined) {
        found.push(`${file} imports ${target}, outside every layer`);
      } else if (rank >= (LAYERS[from] ?? 0)) {
        found.push(`${file} (${from}) imports ${target} (${to}): ${rank > (LAYERS[from] ?? 0) ? 'up' : 'across'}`);
      }
    }
  }
  return found;
}

describe('layering (DESIGN §1)', () => {
  it('every import points down: api > cli > dashboard > scenarios > lab > gateway | mock-exchange > ews | sim', () => {
    expect(violations(projectSources())).toEqual([]);
  });

  it('api/ is the top layer: it may import every layer and nothing imports it', () => {
    const sources = new Map([
      ['api/x.ts', "import { runCli } from '../cli/cli.ts';\nimport { Lab } from '../lab/create-lab.ts';"],
      ['cli/y.ts', "import { startLab } from '../api/index.ts';"],
    ]);
    expect(violations(sources)).toEqual(['cli/y.ts (cli) imports api/index.ts (api): up']);
  });

  it('each layer folder exists and holds source', () => {
    for (const layer of Object.keys(LAYERS)) expect(sourceFiles(layer).length, layer).toBeGreaterThan(0);
  });

  it('the import reader sees static, re-exported, type-only and dynamic imports', () => {
    const text = [
      "import { a } from '../gateway/a.ts';",
      "import type { B } from '../mock-exchange/b.ts';",
      "export { c } from '../ews/c.ts';",
      "const d = await import('../sim/d.ts');",
      "import 'node:fs';",
    ].join('\n');
    expect(importedPaths('lab/x.ts', text)).toEqual(['gateway/a.ts', 'mock-exchange/b.ts', 'ews/c.ts', 'sim/d.ts']);
  });

  it('names an upward, a sideways and an outside import, and lets a downward one pass', () => {
    const sources = new Map([
      ['gateway/x.ts', "import { runCli } from '../cli/cli.ts';\nimport { org } from '../mock-exchange/o.ts';"],
      ['scenarios/y.ts', "import { lab } from '../lab/create-lab.ts';\nimport { h } from '../test/support/h.ts';"],
    ]);
    expect(violations(sources)).toEqual([
      'gateway/x.ts (gateway) imports cli/cli.ts (cli): up',
      'gateway/x.ts (gateway) imports mock-exchange/o.ts (mock-exchange): across',
      'scenarios/y.ts imports test/support/h.ts, outside every layer',
    ]);
  });
});
