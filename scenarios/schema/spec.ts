/**
 * A small schema vocabulary: each node checks a parsed YAML value (collecting issues with their path),
 * emits its JSON Schema for editors, and gives its TypeScript type through `Infer`. One definition serves
 * the runner's types, the validator and scenarios/scenario.schema.json.
 */
export type Path = readonly (string | number)[];

/** Names a scenario may refer to; each is checked against what the lab (or an earlier step) declares. */
export type RefKind = 'server' | 'mailbox' | 'user' | 'gateway' | 'host';

export interface SpecIssue {
  path: Path;
  message: string;
  /** Where to point: the value itself, its key (unknown field) or its parent (missing field). */
  at: 'value' | 'key' | 'parent';
}

export interface Reference {
  kind: RefKind;
  name: string;
  path: Path;
  /** This value introduces the name (gateway.add) instead of using one. */
  declares?: boolean;
  /** The name is a mapping key (presence: { alice: ... }) rather than a value. */
  isKey?: boolean;
}

export interface CheckContext {
  issues: SpecIssue[];
  refs: Reference[];
}

export type JsonSchema = { [key: string]: unknown };

export abstract class Spec<T> {
  declare readonly _type: T;
  description: string | undefined;

  describe(text: string): this {
    this.description = text;
    return this;
  }

  json(): JsonSchema {
    const schema = this.schema();
    return this.description ? { description: this.description, ...schema } : schema;
  }

  /** What this node expects, for messages ("a string", "one of a, b"). */
  abstract expected(): string;
  /** Check a value; returns false (after recording issues) when it does not conform. */
  abstract check(value: unknown, path: Path, ctx: CheckContext): boolean;
  protected abstract schema(): JsonSchema;
}

export type Infer<S> = S extends Spec<infer T> ? T : never;

const typeName = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v);

function mismatch(ctx: CheckContext, path: Path, spec: Spec<unknown>, value: unknown): false {
  ctx.issues.push({ path, at: 'value', message: `expected ${spec.expected()}, got ${describeValue(value)}` });
  return false;
}

function describeValue(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return `${typeName(v)} ${String(v)}`;
  return typeName(v);
}

export class StringSpec<T extends string = string> extends Spec<T> {
  #values: readonly string[] | undefined;
  #pattern: { re: RegExp; hint: string } | undefined;
  #ref: { kind: RefKind; declares: boolean } | undefined;

  values<V extends string>(values: readonly V[]): StringSpec<V> {
    const next = this as unknown as StringSpec<V>;
    next.#values = values;
    return next;
  }

  pattern(re: RegExp, hint: string): this {
    this.#pattern = { re, hint };
    return this;
  }

  /** The value names a server, user, gateway...; `declares` when it introduces that name. */
  ref(kind: RefKind, declares = false): this {
    this.#ref = { kind, declares };
    return this;
  }

  expected(): string {
    if (this.#values) return `one of ${this.#values.map((v) => JSON.stringify(v)).join(', ')}`;
    return this.#pattern ? `a string like ${this.#pattern.hint}` : 'a string';
  }

  check(value: unknown, path: Path, ctx: CheckContext): boolean {
    if (typeof value !== 'string') return mismatch(ctx, path, this, value);
    if (this.#values && !this.#values.includes(value)) return mismatch(ctx, path, this, value);
    if (this.#pattern && !this.#pattern.re.test(value)) return mismatch(ctx, path, this, value);
    if (this.#ref)
      ctx.refs.push({ kind: this.#ref.kind, name: value, path, declares: this.#ref.declares || undefined });
    return true;
  }

  protected schema(): JsonSchema {
    if (this.#values) return { enum: [...this.#values] };
    return this.#pattern ? { type: 'string', pattern: this.#pattern.re.source } : { type: 'string' };
  }
}

export class NumberSpec extends Spec<number> {
  constructor(
    readonly min?: number,
    readonly max?: number,
    readonly integer = true,
  ) {
    super();
  }

  expected(): string {
    const kind = this.integer ? 'an integer' : 'a number';
    if (this.min !== undefined && this.max !== undefined) return `${kind} from ${this.min} to ${this.max}`;
    return this.min !== undefined ? `${kind} >= ${this.min}` : kind;
  }

  check(value: unknown, path: Path, ctx: CheckContext): boolean {
    const ok =
      typeof value === 'number' &&
      Number.isFinite(value) &&
      (!this.integer || Number.isInteger(value)) &&
      (this.min === undefined || value >= this.min) &&
      (this.max === undefined || value <= this.max);
    return ok || mismatch(ctx, path, this, value);
  }

  protected schema(): JsonSchema {
    return { type: this.integer ? 'integer' : 'number', minimum: this.min, maximum: this.max };
  }
}

export class BooleanSpec extends Spec<boolean> {
  expected(): string {
    return 'true or false';
  }
  check(value: unknown, path: Path, ctx: CheckContext): boolean {
    return typeof value === 'boolean' || mismatch(ctx, path, this, value);
  }
  protected schema(): JsonSchema {
    return { type: 'boolean' };
  }
}

/** Any value: a node checked elsewhere (e.g. fault attributes, checked by the mock's own parser). */
export class AnySpec<T = unknown> extends Spec<T> {
  constructor(readonly hint = 'any value') {
    super();
  }
  expected(): string {
    return this.hint;
  }
  check(): boolean {
    return true;
  }
  protected schema(): JsonSchema {
    return {};
  }
}

export class ArraySpec<T> extends Spec<T[]> {
  constructor(
    readonly item: Spec<T>,
    readonly minItems = 0,
  ) {
    super();
  }
  expected(): string {
    return this.minItems > 0 ? `a list of at least ${this.minItems}` : 'a list';
  }
  check(value: unknown, path: Path, ctx: CheckContext): boolean {
    if (!Array.isArray(value)) return mismatch(ctx, path, this, value);
    let ok = true;
    for (const [i, v] of value.entries()) ok = this.item.check(v, [...path, i], ctx) && ok;
    if (value.length < this.minItems) {
      ctx.issues.push({ path, at: 'value', message: `needs at least ${this.minItems} item(s)` });
      return false;
    }
    return ok;
  }
  protected schema(): JsonSchema {
    return { type: 'array', items: this.item.json(), minItems: this.minItems || undefined };
  }
}

/** Marks an object field as optional. */
export class Optional<T> {
  constructor(readonly spec: Spec<T>) {}
}

export type Shape = Record<string, Spec<unknown> | Optional<unknown>>;
type Simplify<T> = { [K in keyof T]: T[K] } & {};
type FieldType<F> = F extends Optional<infer T> ? T : F extends Spec<infer T> ? T : never;
export type InferShape<S extends Shape> = Simplify<
  { [K in keyof S as S[K] extends Optional<unknown> ? never : K]: FieldType<S[K]> } & {
    [K in keyof S as S[K] extends Optional<unknown> ? K : never]?: FieldType<S[K]>;
  }
>;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export class ObjectSpec<S extends Shape> extends Spec<InferShape<S>> {
  constructor(readonly shape: S) {
    super();
  }
  expected(): string {
    return 'a mapping';
  }
  field(name: string): Spec<unknown> | undefined {
    const f = this.shape[name];
    return f instanceof Optional ? f.spec : f;
  }
  check(value: unknown, path: Path, ctx: CheckContext): boolean {
    if (!isObject(value)) return mismatch(ctx, path, this, value);
    let ok = true;
    for (const key of Object.keys(value)) {
      if (!(key in this.shape)) {
        ctx.issues.push({
          path: [...path, key],
          at: 'key',
          message: `unknown field "${key}"; allowed: ${Object.keys(this.shape).join(', ')}`,
        });
        ok = false;
      }
    }
    for (const [key, f] of Object.entries(this.shape)) {
      const v = value[key];
      if (v === undefined || v === null) {
        if (!(f instanceof Optional)) {
          ctx.issues.push({ path: [...path, key], at: 'parent', message: `required field "${key}" is missing` });
          ok = false;
        }
        continue;
      }
      ok = (f instanceof Optional ? f.spec : f).check(v, [...path, key], ctx) && ok;
    }
    return ok;
  }
  protected schema(): JsonSchema {
    const required = Object.entries(this.shape)
      .filter(([, f]) => !(f instanceof Optional))
      .map(([k]) => k);
    return {
      type: 'object',
      properties: Object.fromEntries(
        Object.entries(this.shape).map(([k, f]) => [k, (f instanceof Optional ? f.spec : f).json()]),
      ),
      required: required.length > 0 ? required : undefined,
      additionalProperties: false,
    };
  }
}

/** A mapping from names (users, gateways...) to values of one kind. */
export class RecordSpec<T> extends Spec<Record<string, T>> {
  constructor(
    readonly value: Spec<T>,
    readonly keyRef?: RefKind,
  ) {
    super();
  }
  expected(): string {
    return this.keyRef ? `a mapping of ${this.keyRef} names` : 'a mapping';
  }
  check(value: unknown, path: Path, ctx: CheckContext): boolean {
    if (!isObject(value)) return mismatch(ctx, path, this, value);
    let ok = true;
    for (const [k, v] of Object.entries(value)) {
      if (this.keyRef) ctx.refs.push({ kind: this.keyRef, name: k, path: [...path, k], isKey: true });
      ok = this.value.check(v, [...path, k], ctx) && ok;
    }
    return ok;
  }
  protected schema(): JsonSchema {
    return { type: 'object', additionalProperties: this.value.json() };
  }
}

/** One of several shapes, told apart by the JSON type of the value (string, number, mapping...). */
export class UnionSpec<T> extends Spec<T> {
  constructor(readonly options: readonly Spec<unknown>[]) {
    super();
  }
  expected(): string {
    return this.options.map((o) => o.expected()).join(' or ');
  }
  check(value: unknown, path: Path, ctx: CheckContext): boolean {
    const kind = jsonKind(value);
    const candidates = this.options.filter((o) => acceptsKind(o, kind));
    if (candidates.length === 0) return mismatch(ctx, path, this, value);
    // Several shapes of one kind: the first that passes wins, else report the closest one's issues.
    let best: { spec: Spec<unknown>; issues: number } | undefined;
    for (const c of candidates) {
      const trial: CheckContext = { issues: [], refs: [] };
      if (c.check(value, path, trial)) return c.check(value, path, ctx);
      if (!best || trial.issues.length < best.issues) best = { spec: c, issues: trial.issues.length };
    }
    return best!.spec.check(value, path, ctx);
  }
  protected schema(): JsonSchema {
    return { anyOf: this.options.map((o) => o.json()) };
  }
}

function jsonKind(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
}

function acceptsKind(spec: Spec<unknown>, kind: string): boolean {
  if (spec instanceof StringSpec) return kind === 'string';
  if (spec instanceof NumberSpec) return kind === 'number';
  if (spec instanceof BooleanSpec) return kind === 'boolean';
  if (spec instanceof ArraySpec) return kind === 'array';
  if (spec instanceof AnySpec) return true;
  return kind === 'object';
}

export const t = {
  string: () => new StringSpec(),
  oneOf: <V extends string>(values: readonly V[]) => new StringSpec().values(values),
  int: (min?: number, max?: number) => new NumberSpec(min, max, true),
  number: (min?: number, max?: number) => new NumberSpec(min, max, false),
  boolean: () => new BooleanSpec(),
  any: <T = unknown>(hint?: string) => new AnySpec<T>(hint),
  array: <T>(item: Spec<T>, minItems = 0) => new ArraySpec(item, minItems),
  object: <S extends Shape>(shape: S) => new ObjectSpec(shape),
  record: <T>(value: Spec<T>, keyRef?: RefKind) => new RecordSpec(value, keyRef),
  union: <A extends Spec<unknown>[]>(...options: A) => new UnionSpec<Infer<A[number]>>(options),
  optional: <T>(spec: Spec<T>) => new Optional(spec),
};
