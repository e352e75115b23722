import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SCHEMA_FILE, scenarioJsonSchemaText } from './schema/json-schema.ts';

// Writes the scenario JSON Schema from its TypeScript definition: npx tsx scenarios/emit-schema.ts
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
writeFileSync(join(root, SCHEMA_FILE), scenarioJsonSchemaText());
// The repository's formatter has the last word on layout, so `npm run lint` stays clean.
spawnSync(join(root, 'node_modules', '.bin', 'biome'), ['format', '--write', SCHEMA_FILE], {
  cwd: root,
  stdio: 'ignore',
});
process.stdout.write(`wrote ${SCHEMA_FILE}\n`);
