import type { DriverStats } from '../lab/time-driver.ts';
import { ACTIONS } from './actions/index.ts';
import type { Check } from './expectations/expectation.ts';
import { EXPECTATIONS } from './expectations/index.ts';
import type { Scenario } from './loader/load-scenario.ts';
import { planLab } from './runtime/lab-plan.ts';
import { ScenarioLab } from './runtime/scenario-lab.ts';
import { type Step, type StepKind, stepKind } from './schema/step-spec.ts';
import { formatDuration, formatInstant, parseDuration, parseInstant } from './sim-time.ts';

/** What one step did and what the lab showed: the runner records every step, passed or not. */
export interface StepRecord {
  index: number;
  line: number;
  kind: StepKind;
  description: string;
  /** Virtual time after the step. */
  at: string;
  wallMs: number;
  ok: boolean;
  outcome?: string;
  checks?: Check[];
  /** Everything an `expect` step looked at, by expectation kind (all status rows, every user...). */
  observed?: Record<string, unknown>;
  error?: string;
  skipped?: boolean;
}

export interface ScenarioResult {
  id: string;
  title: string;
  file: string;
  section: string;
  ok: boolean;
  steps: StepRecord[];
  wallMs: number;
  setupMs: number;
  teardownMs: number;
  error?: string;
  stats?: DriverStats;
}

export interface RunHooks {
  /** Called before each step (trainer mode waits here for Enter). */
  beforeStep?(step: Step, index: number, lab: ScenarioLab): Promise<void> | void;
  /** Called after each step with its record. */
  afterStep?(record: StepRecord, lab: ScenarioLab): Promise<void> | void;
  /** Called once the lab is up, before the first step. */
  ready?(lab: ScenarioLab): Promise<void> | void;
  /** How an `advance` or `at` step moves virtual time to `target`; default: the lab's time driver, stepped. */
  moveTime?(lab: ScenarioLab, target: number, kind: 'advance' | 'at'): Promise<void>;
}

/** Socket handles the process holds, to prove a run leaves none behind. */
function socketHandles(): number {
  return process.getActiveResourcesInfo().filter((r) => /^(TCPServerWrap|TCPSocketWrap)$/.test(r)).length;
}

export function describeStep(step: Step): string {
  if ('say' in step) return step.say;
  if ('do' in step) {
    const args = Object.entries(step.with ?? {}).map(
      ([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`,
    );
    return `${step.do}${args.length ? ` ${args.join(' ')}` : ''}`;
  }
  if ('advance' in step) return `advance ${step.advance}`;
  if ('at' in step) return `at ${step.at}`;
  return `expect ${Object.keys(step.expect).join(', ')}`;
}

/** Build the lab, run every step recording what happened, tear everything down. */
export async function runScenario(scenario: Scenario, hooks: RunHooks = {}): Promise<ScenarioResult> {
  const t0 = performance.now();
  const baseline = socketHandles();
  const result: ScenarioResult = {
    id: scenario.id,
    title: scenario.title,
    file: scenario.file,
    section: scenario.section,
    ok: true,
    steps: [],
    wallMs: 0,
    setupMs: 0,
    teardownMs: 0,
  };
  let lab: ScenarioLab | undefined;
  try {
    lab = await ScenarioLab.create(planLab(scenario.lab, scenario.id));
    result.setupMs = performance.now() - t0;
    await hooks.ready?.(lab);
    let failed = false;
    for (const [index, step] of scenario.steps.entries()) {
      const record: StepRecord = {
        index,
        line: scenario.stepLines[index] ?? 0,
        kind: stepKind(step),
        description: describeStep(step),
        at: '',
        wallMs: 0,
        ok: true,
      };
      if (failed) {
        record.skipped = true;
        record.at = formatInstant(lab.clock.now(), lab.plan.start);
        result.steps.push(record);
        continue;
      }
      await hooks.beforeStep?.(step, index, lab);
      const s0 = performance.now();
      try {
        await runStep(lab, step, record, hooks);
      } catch (err) {
        record.ok = false;
        record.error = err instanceof Error ? err.message : String(err);
        failed = true;
      }
      record.wallMs = performance.now() - s0;
      record.at = formatInstant(lab.clock.now(), lab.plan.start);
      if (!record.ok) result.ok = false;
      result.steps.push(record);
      await hooks.afterStep?.(record, lab);
    }
  } catch (err) {
    result.ok = false;
    const why = err instanceof Error ? err.message : String(err);
    result.error = lab ? `the run stopped: ${why}` : `the lab could not be built: ${why}`;
  } finally {
    const s0 = performance.now();
    if (lab) {
      result.stats = { ...lab.time.stats };
      await lab.stop();
    }
    const left = await socketsClosed(baseline);
    if (left > 0) {
      result.ok = false;
      result.error = `${result.error ? `${result.error}; ` : ''}the lab left ${left} socket(s) open after teardown`;
    }
    result.teardownMs = performance.now() - s0;
    result.wallMs = performance.now() - t0;
  }
  return result;
}

async function runStep(lab: ScenarioLab, step: Step, record: StepRecord, hooks: RunHooks): Promise<void> {
  if ('say' in step) return;
  if ('do' in step) {
    const def = ACTIONS.get(step.do);
    if (!def) throw new Error(`unknown action ${step.do}`);
    lab.markSeq = lab.lab.journal.entries().at(-1)?.seq ?? 0;
    const outcome = await def.run(lab, step.with ?? {});
    await lab.time.settle();
    record.outcome = outcome.summary;
    return;
  }
  if ('advance' in step || 'at' in step) {
    const from = lab.clock.now();
    const target = 'advance' in step ? from + parseDuration(step.advance) : parseInstant(step.at, lab.plan.start);
    if (target < from) {
      const when = formatInstant(target, lab.plan.start);
      throw new Error(`${when} is before the current time ${formatInstant(from, lab.plan.start)}`);
    }
    const before = lab.time.stats.timersFired;
    if (hooks.moveTime) await hooks.moveTime(lab, target, 'advance' in step ? 'advance' : 'at');
    else await lab.time.advanceTo(target);
    const fired = lab.time.stats.timersFired - before;
    record.outcome = `${formatDuration(target - from)} passed, ${fired} timer(s) fired`;
    return;
  }
  const checks: Check[] = [];
  const observed: Record<string, unknown> = {};
  for (const e of EXPECTATIONS) {
    const expected = step.expect[e.key];
    if (expected !== undefined)
      checks.push(
        ...(await e.check(lab, expected, (o) => {
          observed[e.key] = o;
        })),
      );
  }
  record.checks = checks;
  record.observed = observed;
  record.ok = checks.every((c) => c.ok);
}

/** Closing handles finish over a few event-loop turns; wait for them (bounded), then count what is left. */
async function socketsClosed(baseline: number): Promise<number> {
  for (let i = 0; i < 2000; i++) {
    if (socketHandles() <= baseline) return 0;
    await new Promise<void>((r) => setImmediate(r));
  }
  return socketHandles() - baseline;
}
