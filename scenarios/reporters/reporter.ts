import type { ScenarioResult } from '../runner.ts';

/** Turns scenario results into a report: progressively (pretty) or all at the end (json, junit). */
export interface Reporter {
  /** Text to print as soon as one scenario finishes (may be empty). */
  scenario(result: ScenarioResult): string;
  /** The whole report once every scenario ran. */
  finish(results: ScenarioResult[], wallMs: number): string;
}

export const REPORTER_NAMES = ['pretty', 'json', 'junit'] as const;
export type ReporterName = (typeof REPORTER_NAMES)[number];

export function formatValue(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

export function seconds(ms: number): string {
  return (ms / 1000).toFixed(ms < 10_000 ? 2 : 1);
}
