import type { ScenarioResult } from '../runner.ts';
import type { Reporter } from './reporter.ts';

/** For scripts: the scenarios, and one record per step with everything observed. */
export function jsonReporter(): Reporter {
  return {
    scenario: () => '',
    finish(results: ScenarioResult[], wallMs: number): string {
      const report = {
        passed: results.filter((r) => r.ok).length,
        failed: results.filter((r) => !r.ok).length,
        wallMs: Math.round(wallMs),
        scenarios: results.map((r) => ({
          id: r.id,
          title: r.title,
          section: r.section,
          file: r.file,
          ok: r.ok,
          error: r.error,
          wallMs: Math.round(r.wallMs),
          setupMs: Math.round(r.setupMs),
          teardownMs: Math.round(r.teardownMs),
          stats: r.stats,
        })),
        steps: results.flatMap((r) =>
          r.steps.map((s) => ({ scenario: r.id, ...s, wallMs: Math.round(s.wallMs * 10) / 10 })),
        ),
      };
      return `${JSON.stringify(report, null, 2)}\n`;
    },
  };
}
