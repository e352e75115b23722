import type { ScenarioResult } from '../runner.ts';
import { formatValue, type Reporter, seconds } from './reporter.ts';

/** For a terminal: one line per scenario, and for a failure every failed check, expected versus observed. */
export function prettyReporter(): Reporter {
  return {
    scenario(r: ScenarioResult): string {
      const lines = [`${r.ok ? 'PASS' : 'FAIL'}  ${r.id}  ${r.title}  (${seconds(r.wallMs)} s)`];
      if (r.error) lines.push(`      error: ${r.error}`);
      for (const s of r.steps)
        for (const c of s.checks ?? []) if (c.note) lines.push(`      ${s.at} ${c.what}: ${formatValue(c.observed)}`);
      for (const s of r.steps) {
        if (s.ok && !s.error) continue;
        lines.push(`      step ${s.index + 1} (${r.file}:${s.line}) at ${s.at}: ${s.description}`);
        if (s.error) lines.push(`        error: ${s.error}`);
        for (const c of s.checks ?? []) {
          if (c.ok) continue;
          lines.push(
            `        ${c.what}`,
            `          expected: ${formatValue(c.expected)}`,
            `          observed: ${formatValue(c.observed)}`,
          );
        }
      }
      return `${lines.join('\n')}\n`;
    },
    finish(results: ScenarioResult[], wallMs: number): string {
      const failed = results.filter((r) => !r.ok);
      const steps = results.reduce((n, r) => n + r.steps.length, 0);
      return `\n${results.length - failed.length} passed, ${failed.length} failed (${results.length} scenarios, ${steps} steps) in ${seconds(wallMs)} s\n`;
    },
  };
}
