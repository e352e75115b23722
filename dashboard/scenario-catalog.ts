import { basename } from 'node:path';
import { catalogFiles } from '../scenarios/catalog.ts';
import { loadScenarioFile, type Scenario } from '../scenarios/loader/load-scenario.ts';
import { formatProblem, ScenarioFileError } from '../scenarios/loader/scenario-error.ts';
import { describeStep } from '../scenarios/runner.ts';
import { stepKind } from '../scenarios/schema/step-spec.ts';
import type { CatalogEntry, StepView } from './protocol.ts';

const idOf = (file: string) => basename(file).replace(/\.ya?ml$/, '');

/** The scenarios the Scenarios page offers: the catalog, plus any extra files the lab was started with. */
export class ScenarioCatalog {
  constructor(readonly extraFiles: string[] = []) {}

  files(): string[] {
    return [...catalogFiles(), ...this.extraFiles];
  }

  /** Every file, re-read on each call so an edited scenario plays as saved; broken files say why. */
  list(): CatalogEntry[] {
    return this.files().map((file) => {
      try {
        return entryOf(loadScenarioFile(file));
      } catch (err) {
        const problem =
          err instanceof ScenarioFileError ? err.problems.map(formatProblem).join('\n') : (err as Error).message;
        const id = idOf(file);
        return { id, title: id, section: '', symptom: '', cause: '', fix: '', tags: [], problem };
      }
    });
  }

  /** Load one scenario by id; a broken file throws its problems. */
  load(id: string): Scenario {
    const file = this.files().find((f) => idOf(f) === id);
    if (!file) throw new Error(`No scenario "${id}"; known: ${this.files().map(idOf).join(', ')}`);
    return loadScenarioFile(file);
  }
}

export function entryOf(s: Scenario): CatalogEntry {
  return {
    id: s.id,
    title: s.title,
    section: s.section,
    symptom: s.symptom,
    cause: s.cause,
    fix: s.fix,
    tags: s.tags ?? [],
  };
}

export function stepViews(s: Scenario): StepView[] {
  return s.steps.map((step, index) => ({
    index,
    kind: stepKind(step),
    line: s.stepLines[index] ?? 0,
    description: describeStep(step),
    say: 'say' in step ? step.say : undefined,
    expects: 'expect' in step ? Object.keys(step.expect) : undefined,
  }));
}
