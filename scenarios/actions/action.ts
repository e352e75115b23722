import type { ScenarioLab } from '../runtime/scenario-lab.ts';
import type { InferShape, ObjectSpec, Shape } from '../schema/spec.ts';

/** What a `do` step did, in a sentence, with the data worth keeping in the report. */
export interface ActionOutcome {
  summary: string;
  data?: unknown;
}

/**
 * A lab action a scenario can `do`: the same in-process operation the CLI and the admin APIs call,
 * with its arguments as a schema node (validated before anything runs, emitted into the JSON Schema).
 */
export interface ActionDefinition<S extends Shape = Shape> {
  name: string;
  /** What an administrator would call it, for `pgsim show` and the schema. */
  summary: string;
  args: ObjectSpec<S>;
  run(lab: ScenarioLab, args: InferShape<S>): Promise<ActionOutcome>;
}

export function action<S extends Shape>(def: ActionDefinition<S>): ActionDefinition {
  return def as unknown as ActionDefinition;
}
