import { scenarioSpec } from './scenario-spec.ts';

/** scenarios/scenario.schema.json, relative to the repository root. */
export const SCHEMA_FILE = 'scenarios/scenario.schema.json';

/** The JSON Schema editors use for catalog files (draft-07, which yaml-language-server understands). */
export function scenarioJsonSchema(): Record<string, unknown> {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://pgsim.example/scenario.schema.json',
    title: 'pgsim scenario',
    description:
      'One troubleshooting case: the lab it needs and the steps that show the symptom, then the fix. Generated from scenarios/schema/*.ts by scenarios/emit-schema.ts; do not edit.',
    ...scenarioSpec.json(),
  };
}

export function scenarioJsonSchemaText(): string {
  return `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
}
