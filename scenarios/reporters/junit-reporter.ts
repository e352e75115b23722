import type { ScenarioResult } from '../runner.ts';
import { formatValue, type Reporter } from './reporter.ts';

/** XML 1.0 cannot carry control characters other than tab, newline and carriage return. */
const xmlSafe = (s: string) =>
  Array.from(s, (c) => (c.charCodeAt(0) < 32 && c !== '\t' && c !== '\n' && c !== '\r' ? '?' : c)).join('');

export const xml = (s: string) =>
  xmlSafe(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const secs = (ms: number) => (ms / 1000).toFixed(3);

function failureText(r: ScenarioResult): string {
  const lines: string[] = [];
  if (r.error) lines.push(`error: ${r.error}`);
  for (const s of r.steps) {
    if (s.ok && !s.error) continue;
    lines.push(`step ${s.index + 1} (${r.file}:${s.line}) at ${s.at}: ${s.description}`);
    if (s.error) lines.push(`  error: ${s.error}`);
    for (const c of s.checks ?? [])
      if (!c.ok) lines.push(`  ${c.what}: expected ${formatValue(c.expected)}, observed ${formatValue(c.observed)}`);
  }
  return lines.join('\n');
}

function stepLog(r: ScenarioResult): string {
  return r.steps
    .map(
      (s) =>
        `${s.skipped ? 'skip' : s.ok ? 'ok  ' : 'FAIL'} [${s.at}] ${s.description}${s.outcome ? ` -> ${s.outcome}` : ''}`,
    )
    .join('\n');
}

/** For CI: one testcase per scenario (classname = its troubleshooting section), failures in the body. */
export function junitReporter(): Reporter {
  return {
    scenario: () => '',
    finish(results: ScenarioResult[], wallMs: number): string {
      const failures = results.filter((r) => !r.ok).length;
      const cases = results.map((r) => {
        const head = `    <testcase classname="${xml(r.section)}" name="${xml(`${r.id}: ${r.title}`)}" file="${xml(r.file)}" time="${secs(r.wallMs)}">`;
        const body: string[] = [];
        if (!r.ok) {
          const first = r.error ?? r.steps.find((s) => !s.ok)?.description ?? 'failed';
          body.push(`      <failure message="${xml(first)}" type="ScenarioFailure">${xml(failureText(r))}</failure>`);
        }
        body.push(`      <system-out>${xml(stepLog(r))}</system-out>`);
        return [head, ...body, '    </testcase>'].join('\n');
      });
      return [
        '<?xml version="1.0" encoding="UTF-8"?>',
        `<testsuites name="pgsim" tests="${results.length}" failures="${failures}" time="${secs(wallMs)}">`,
        `  <testsuite name="pgsim scenarios" tests="${results.length}" failures="${failures}" errors="0" time="${secs(wallMs)}">`,
        ...cases,
        '  </testsuite>',
        '</testsuites>',
        '',
      ].join('\n');
    },
  };
}
