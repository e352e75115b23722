import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { ScenarioDocument } from '../schema/scenario-spec.ts';
import { scenarioSpec } from '../schema/scenario-spec.ts';
import type { CheckContext } from '../schema/spec.ts';
import { formatPath, ScenarioFileError, type ScenarioProblem } from './scenario-error.ts';
import { semanticIssues } from './semantic-checks.ts';
import { locate } from './yaml-locations.ts';

/** A scenario that passed every check, with where it came from (steps keep their source lines). */
export interface Scenario extends ScenarioDocument {
  file: string;
  /** 1-based source line of each step. */
  stepLines: number[];
}

/**
 * Parse and check a scenario: YAML syntax, then the schema, then names and lab values. Every problem is
 * reported with file, line and field, and a file with any problem is refused as a whole.
 */
export function parseScenario(text: string, file: string): Scenario {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const problems: ScenarioProblem[] = [];
  for (const e of [...doc.errors, ...doc.warnings.filter((w) => w.code !== 'TAG_RESOLVE_FAILED')]) {
    const pos = e.linePos?.[0] ?? lines.linePos(e.pos[0]);
    problems.push({ file, line: pos.line, column: pos.col, field: '(yaml)', message: firstLine(e.message) });
  }
  if (problems.length > 0) throw new ScenarioFileError(file, problems);

  const value = doc.toJS({ maxAliasCount: 100 }) as unknown;
  const ctx: CheckContext = { issues: [], refs: [] };
  const ok = scenarioSpec.check(value, [], ctx);
  let issues = ctx.issues;
  if (ok) {
    const id = basename(file).replace(/\.ya?ml$/, '');
    issues = semanticIssues(value as ScenarioDocument, ctx.refs, id);
  }
  for (const issue of issues) {
    const where = locate(doc, lines, issue.path, issue.at);
    problems.push({ file, ...where, field: formatPath(issue.path), message: issue.message });
  }
  if (problems.length > 0) {
    problems.sort((a, b) => a.line - b.line || a.column - b.column);
    throw new ScenarioFileError(file, problems);
  }
  const scenario = value as ScenarioDocument;
  const stepLines = scenario.steps.map((_, i) => locate(doc, lines, ['steps', i], 'value').line);
  return { ...scenario, file, stepLines };
}

export function loadScenarioFile(file: string): Scenario {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? String(err);
    throw new ScenarioFileError(file, [{ file, line: 1, column: 1, field: '(file)', message: `cannot read: ${code}` }]);
  }
  return parseScenario(text, file);
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
