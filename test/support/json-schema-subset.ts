/**
 * Just enough of JSON Schema (draft-07) to check documents against what scenarios/schema emits: type,
 * enum, const, pattern, minimum/maximum, properties/required/additionalProperties, items/minItems,
 * anyOf, allOf, if/then. Returns the paths that fail, so a test can show where an editor would complain.
 */
export type Schema = { [k: string]: unknown };

export function schemaErrors(schema: Schema, value: unknown, path = '$'): string[] {
  const errors: string[] = [];
  const fail = (msg: string) => errors.push(`${path}: ${msg}`);
  const type = schema.type as string | undefined;
  if (type && !hasType(value, type)) return [`${path}: expected ${type}`];
  if (schema.enum && !(schema.enum as unknown[]).includes(value)) fail(`not in enum`);
  if ('const' in schema && schema.const !== value) fail(`not ${JSON.stringify(schema.const)}`);
  if (typeof value === 'string' && schema.pattern && !new RegExp(schema.pattern as string).test(value))
    fail(`does not match ${schema.pattern}`);
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < (schema.minimum as number)) fail('below minimum');
    if (schema.maximum !== undefined && value > (schema.maximum as number)) fail('above maximum');
  }
  if (isObject(value)) {
    const props = (schema.properties ?? {}) as Record<string, Schema>;
    for (const r of (schema.required ?? []) as string[]) if (!(r in value)) fail(`missing ${r}`);
    for (const [k, v] of Object.entries(value)) {
      if (props[k]) errors.push(...schemaErrors(props[k], v, `${path}.${k}`));
      else if (schema.additionalProperties === false && schema.properties) fail(`unexpected ${k}`);
      else if (isObject(schema.additionalProperties))
        errors.push(...schemaErrors(schema.additionalProperties as Schema, v, `${path}.${k}`));
    }
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < (schema.minItems as number)) fail('too few items');
    if (schema.items)
      for (const [i, v] of value.entries()) errors.push(...schemaErrors(schema.items as Schema, v, `${path}[${i}]`));
  }
  if (schema.anyOf) {
    const branches = (schema.anyOf as Schema[]).map((s) => schemaErrors(s, value, path));
    if (!branches.some((b) => b.length === 0))
      fail(`matches no anyOf branch (${branches.map((b) => b[0]).join(' / ')})`);
  }
  for (const s of (schema.allOf ?? []) as Schema[]) errors.push(...schemaErrors(s, value, path));
  if (schema.if && schemaErrors(schema.if as Schema, value, path).length === 0 && schema.then)
    errors.push(...schemaErrors(schema.then as Schema, value, path));
  return errors;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function hasType(v: unknown, type: string): boolean {
  if (type === 'integer') return Number.isInteger(v);
  if (type === 'number') return typeof v === 'number';
  if (type === 'array') return Array.isArray(v);
  if (type === 'object') return isObject(v);
  return typeof v === type;
}
