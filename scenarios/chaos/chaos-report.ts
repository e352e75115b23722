import { formatTable } from '../reporters/format-table.ts';
import { xml } from '../reporters/junit-reporter.ts';
import { chaosUserId } from './chaos-options.ts';
import type { ChaosResult } from './chaos-run.ts';

const minutes = (ms: number) => `${(ms / 60_000).toFixed(1)} min`;

/** The run for a person: faults applied, mismatches, convergence against the bound, stuck users, the replay. */
export function renderChaos(r: ChaosResult): string {
  const m = r.mismatchedUserMinutes;
  const lines = [
    `pgsim chaos: ${r.users} users, ${r.durationMs / 3_600_000} h virtual, seed ${r.seed}`,
    '',
    `Faults applied (${r.faults.length}):`,
    r.faults.length === 0
      ? '  none'
      : formatTable(
          ['#', 'from', 'until', 'fault'],
          r.faults.map((f, i) => [i + 1, f.from.slice(11, 16), f.until.slice(11, 16), f.explain]),
        ),
    `Calendar changes: ${r.calendarChanges.applied} applied, ${r.calendarChanges.skipped} with nothing to cancel or move`,
    `Mismatched user-minutes: ${m.duringFaults} during faults (${r.faultPeriod.from} to ${r.faultPeriod.to}), ` +
      `${m.afterFaults} after, ${m.beforeFaults} before`,
    `Time to converge after the last fault: p50 ${minutes(r.convergence.p50Ms)}, p99 ${minutes(r.convergence.p99Ms)}, ` +
      `max ${minutes(r.convergence.maxMs)} (bound ${minutes(r.boundMs)}: 2 x EWS Status Frequency + the longest back-off + a sample)`,
  ];
  if (r.stuck.length === 0) lines.push(`Every user converged within the bound (${r.users} of ${r.users}).`);
  else {
    lines.push(`${r.stuck.length} user(s) did not converge within the bound:`);
    for (const s of r.stuck) {
      const when = s.convergedAfterMs === null ? 'never converged' : `converged after ${minutes(s.convergedAfterMs)}`;
      lines.push(`  ${s.userId} (${s.mailbox}): ${when}; last minute published ${s.published}, truth ${s.expected}`);
      for (const l of s.lastLog) lines.push(`    ${l}`);
    }
  }
  if (r.timeDriver.safetyStops > 0)
    lines.push(
      `Warning: the time driver moved on without stalled I/O ${r.timeDriver.safetyStops} time(s); see the log.`,
    );
  lines.push(`Wall time ${(r.wallMs / 1000).toFixed(1)} s. Replay: ${r.replay}`);
  return lines.join('\n');
}

/** For CI: one testcase per user (converged within the bound or not), the seed and replay in properties. */
export function chaosJunit(r: ChaosResult): string {
  const stuck = new Map(r.stuck.map((s) => [s.userId, s]));
  const cases = Array.from({ length: r.users }, (_, i) => chaosUserId(i)).map((id) => {
    const s = stuck.get(id);
    if (!s) return `    <testcase classname="pgsim.chaos" name="${id} converges"/>`;
    const what =
      s.convergedAfterMs === null
        ? 'never converged'
        : `converged after ${minutes(s.convergedAfterMs)}, past the bound`;
    return [
      `    <testcase classname="pgsim.chaos" name="${id} converges">`,
      `      <failure message="${xml(`${id} ${what}`)}">${xml([`published ${s.published}, truth ${s.expected}`, ...s.lastLog].join('\n'))}</failure>`,
      '    </testcase>',
    ].join('\n');
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="pgsim chaos" tests="${r.users}" failures="${r.stuck.length}" time="${(r.wallMs / 1000).toFixed(3)}">`,
    `  <testsuite name="chaos seed ${xml(r.seed)}" tests="${r.users}" failures="${r.stuck.length}" time="${(r.wallMs / 1000).toFixed(3)}">`,
    '    <properties>',
    `      <property name="seed" value="${xml(r.seed)}"/>`,
    `      <property name="replay" value="${xml(r.replay)}"/>`,
    `      <property name="faults" value="${r.faults.length}"/>`,
    '    </properties>',
    ...cases,
    '  </testsuite>',
    '</testsuites>',
  ].join('\n');
}
