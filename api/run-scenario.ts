import { loadScenarios } from '../cli/commands/scenarios.ts';
import { createReporter } from '../scenarios/reporters/index.ts';
import type { ReporterName } from '../scenarios/reporters/reporter.ts';
import { runScenario as runLoaded, type ScenarioResult } from '../scenarios/runner.ts';

export interface RunScenarioOptions {
  /** The format of `report` (default `pretty`, what `pgsim run` prints). */
  reporter?: ReporterName;
}

/** A scenario's result: every step with what it observed, and the report `pgsim run` prints for it. */
export interface ScenarioRun extends ScenarioResult {
  report: string;
}

/**
 * Run one scenario headless on its own lab and virtual clock, the way `pgsim run` does; the lab is gone when the
 * promise settles. A broken file throws naming file, line and field; a failed expectation is `ok: false`.
 *
 * @param scenario a catalog id (`pgsim scenarios list`) or a scenario file (YAML)
 */
export async function runScenario(scenario: string, options: RunScenarioOptions = {}): Promise<ScenarioRun> {
  const [loaded] = loadScenarios([scenario]);
  if (!loaded) throw new Error(`no scenario "${scenario}"`);
  const result = await runLoaded(loaded);
  const reporter = createReporter(options.reporter ?? 'pretty');
  return { ...result, report: reporter.scenario(result) + reporter.finish([result], result.wallMs) };
}
