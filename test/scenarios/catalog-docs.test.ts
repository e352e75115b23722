import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REACHABILITY_LABELS, SSL_LABELS } from '../../gateway/status/status-labels.ts';
import { ACTION_NAMES } from '../../scenarios/actions/index.ts';
import { CATALOG_DIR, catalogFiles } from '../../scenarios/catalog.ts';
import { EXPECTATIONS } from '../../scenarios/expectations/index.ts';
import { loadScenarioFile } from '../../scenarios/loader/load-scenario.ts';
import { catalogTableFromFiles, TABLE_BEGIN, TABLE_END } from '../../scenarios/readme-table.ts';
import { SCHEMA_FILE, scenarioJsonSchema } from '../../scenarios/schema/json-schema.ts';
import { SECTIONS } from '../../scenarios/schema/scenario-spec.ts';
import { type Schema, schemaErrors } from '../support/json-schema-subset.ts';

const ROOT = join(CATALOG_DIR, '..', '..');

describe('catalog documentation stays true', () => {
  it('every status label and every section of the troubleshooting text is reproduced by a scenario', () => {
    const scenarios = catalogFiles().map(loadScenarioFile);
    const shown = new Set<string>();
    for (const s of scenarios)
      for (const step of s.steps) {
        if (!('expect' in step)) continue;
        const rows = (step.expect.status as { gateways?: Record<string, { reachability?: string; ssl?: string }> })
          ?.gateways;
        for (const row of Object.values(rows ?? {})) for (const v of [row.reachability, row.ssl]) if (v) shown.add(v);
      }
    expect([...REACHABILITY_LABELS, ...SSL_LABELS].filter((l) => !shown.has(l))).toEqual([]);
    expect(SECTIONS.filter((sec) => !scenarios.some((s) => s.section === sec))).toEqual([]);
  });

  it('the README table lists every scenario with its symptom, cause and fix', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const begin = readme.indexOf(TABLE_BEGIN);
    const end = readme.indexOf(TABLE_END);
    expect(begin, 'README.md has the catalog table markers').toBeGreaterThan(-1);
    const table = readme.slice(begin + TABLE_BEGIN.length, end).trim();
    // Regenerate with: npx tsx scenarios/readme-table.ts
    expect(table).toBe(catalogTableFromFiles());
  });

  it('scenarios/scenario.schema.json is what the TypeScript definitions generate', () => {
    const committed = JSON.parse(readFileSync(join(ROOT, SCHEMA_FILE), 'utf8'));
    // Regenerate with: npx tsx scenarios/emit-schema.ts
    expect(committed).toEqual(JSON.parse(JSON.stringify(scenarioJsonSchema())));
  });

  it('the JSON Schema accepts every catalog file and knows every action and expectation', () => {
    const schema = scenarioJsonSchema() as Schema;
    for (const file of catalogFiles()) {
      const text = readFileSync(file, 'utf8');
      expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../scenario.schema.json');
      expect(schemaErrors(schema, parse(text)), file).toEqual([]);
    }
    const text = JSON.stringify(schema);
    for (const a of ACTION_NAMES) expect(text).toContain(`"const":"${a}"`);
    for (const e of EXPECTATIONS) expect(text).toContain(`"${e.key}":`);
  });

  it('the JSON Schema rejects what the loader rejects: an unknown action, a wrong argument type, an unknown field', () => {
    const schema = scenarioJsonSchema() as Schema;
    const base = parse(readFileSync(catalogFiles()[0]!, 'utf8'));
    const withStep = (step: unknown) => ({ ...base, steps: [step] });
    expect(schemaErrors(schema, withStep({ do: 'gateway.rename' }))).not.toEqual([]);
    expect(schemaErrors(schema, withStep({ do: 'gateway.update', with: { gateway: 7 } }))).not.toEqual([]);
    expect(schemaErrors(schema, withStep({ do: 'engine.restart', with: { now: true } }))).not.toEqual([]);
    expect(schemaErrors(schema, withStep({ advance: '10 minutes' }))).not.toEqual([]);
    expect(schemaErrors(schema, withStep({ expect: { presence: { alice: 'Busy' } } }))).not.toEqual([]);
    expect(schemaErrors(schema, withStep({ expect: { presence: { alice: 'In a meeting' } } }))).toEqual([]);
  });
});
