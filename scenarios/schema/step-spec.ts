import { ACTION_NAMES, ACTIONS } from '../actions/index.ts';
import { EXPECTATIONS } from '../expectations/index.ts';
import { durationSpec, timeSpec } from './lab-spec.ts';
import { type CheckContext, type JsonSchema, type Path, Spec, t } from './spec.ts';

export const expectSpec = t.object(Object.fromEntries(EXPECTATIONS.map((e) => [e.key, t.optional(e.spec)])));

export type Step =
  | { say: string }
  | { do: string; with?: Record<string, unknown> }
  | { advance: string }
  | { at: string }
  | { expect: Record<string, unknown> };

export const STEP_KINDS = ['say', 'do', 'advance', 'at', 'expect'] as const;
export type StepKind = (typeof STEP_KINDS)[number];

export function stepKind(step: Step): StepKind {
  return STEP_KINDS.find((k) => k in step)!;
}

const sayStep = t.object({ say: t.string().describe('narration for trainers (pgsim demo)') });
const advanceStep = t.object({ advance: durationSpec().describe('let virtual time pass') });
const atStep = t.object({ at: timeSpec().describe('let virtual time pass until this time') });
const expectStep = t.object({ expect: expectSpec.describe('what the lab must show now') });

/** A step: exactly one of say, do (+ with), advance, at, expect. */
class StepSpec extends Spec<Step> {
  expected(): string {
    return `a step with one of ${STEP_KINDS.join(', ')}`;
  }

  check(value: unknown, path: Path, ctx: CheckContext): boolean {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      ctx.issues.push({ path, at: 'value', message: `expected ${this.expected()}` });
      return false;
    }
    const v = value as Record<string, unknown>;
    const kinds = STEP_KINDS.filter((k) => k in v);
    if (kinds.length !== 1) {
      const extra = Object.keys(v).filter((k) => !STEP_KINDS.includes(k as StepKind) && k !== 'with');
      ctx.issues.push({
        path: extra.length > 0 && kinds.length === 0 ? [...path, extra[0]!] : path,
        at: extra.length > 0 && kinds.length === 0 ? 'key' : 'value',
        message:
          kinds.length === 0
            ? `a step needs one of ${STEP_KINDS.join(', ')}${extra.length ? `; "${extra[0]}" is not a step kind` : ''}`
            : `a step has exactly one of ${STEP_KINDS.join(', ')}; this one has ${kinds.join(' and ')}`,
      });
      return false;
    }
    const kind = kinds[0]!;
    if (kind === 'say') return sayStep.check(v, path, ctx);
    if (kind === 'advance') return advanceStep.check(v, path, ctx);
    if (kind === 'at') return atStep.check(v, path, ctx);
    if (kind === 'expect') {
      if (!expectStep.check(v, path, ctx)) return false;
      if (Object.keys(v.expect as object).length === 0) {
        ctx.issues.push({ path: [...path, 'expect'], at: 'value', message: 'expect needs at least one check' });
        return false;
      }
      return true;
    }
    return checkDo(v, path, ctx);
  }

  protected schema(): JsonSchema {
    const doStep: JsonSchema = {
      type: 'object',
      required: ['do'],
      properties: {
        do: { enum: [...ACTION_NAMES], description: 'a lab action' },
        with: { type: 'object', description: 'the action arguments' },
      },
      additionalProperties: false,
      allOf: [...ACTIONS.values()].map((a) => ({
        if: { properties: { do: { const: a.name } } },
        // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then keyword, not a thenable.
        then: { properties: { with: { ...a.args.json(), description: a.summary } } },
      })),
    };
    return { anyOf: [sayStep.json(), doStep, advanceStep.json(), atStep.json(), expectStep.json()] };
  }
}

function checkDo(v: Record<string, unknown>, path: Path, ctx: CheckContext): boolean {
  let ok = true;
  for (const key of Object.keys(v)) {
    if (key !== 'do' && key !== 'with') {
      ctx.issues.push({
        path: [...path, key],
        at: 'key',
        message: `unknown field "${key}" in a do step; allowed: do, with`,
      });
      ok = false;
    }
  }
  const name = v.do;
  const def = typeof name === 'string' ? ACTIONS.get(name) : undefined;
  if (!def) {
    ctx.issues.push({
      path: [...path, 'do'],
      at: 'value',
      message: `unknown action ${JSON.stringify(name)}; known: ${ACTION_NAMES.join(', ')}`,
    });
    return false;
  }
  return def.args.check(v.with ?? {}, [...path, 'with'], ctx) && ok;
}

export const stepSpec = new StepSpec();
