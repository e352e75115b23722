import type { Path } from '../schema/spec.ts';

/** One problem in a scenario file, located for the person fixing it. */
export interface ScenarioProblem {
  file: string;
  line: number;
  column: number;
  /** The field as a path: `steps[3].with.gateway`; `(yaml)` for a syntax error. */
  field: string;
  message: string;
}

export function formatPath(path: Path): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out === '' ? p : `.${p}`;
  return out || '(document)';
}

export function formatProblem(p: ScenarioProblem): string {
  return `${p.file}:${p.line}:${p.column}: ${p.field}: ${p.message}`;
}

/** A scenario file that cannot run: every problem found, in line order. */
export class ScenarioFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: ScenarioProblem[],
  ) {
    super(`${file}: ${problems.length} problem(s)\n${problems.map((p) => `  ${formatProblem(p)}`).join('\n')}`);
    this.name = 'ScenarioFileError';
  }
}
