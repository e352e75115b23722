import type { ScenarioLab } from '../runtime/scenario-lab.ts';
import type { Spec } from '../schema/spec.ts';

/** One comparison: what the scenario expected and what the lab showed. */
export interface Check {
  what: string;
  expected: unknown;
  observed: unknown;
  ok: boolean;
  /** A finding to report even when it passes (where a load run stands against its limits). */
  note?: boolean;
}

/** A kind of `expect`: its schema node and how to observe the lab and compare. */
export interface ExpectationDefinition<T = unknown> {
  key: string;
  summary: string;
  spec: Spec<T>;
  /** Compare; `observe` keeps the whole observation (every status row, every user) for the report. */
  check(lab: ScenarioLab, expected: T, observe: (observation: unknown) => void): Promise<Check[]>;
}

export function expectation<T>(def: ExpectationDefinition<T>): ExpectationDefinition {
  return def as unknown as ExpectationDefinition;
}

export function compare(what: string, expected: unknown, observed: unknown): Check {
  return { what, expected, observed, ok: JSON.stringify(expected) === JSON.stringify(observed) };
}
