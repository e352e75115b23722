import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Command, Option } from 'commander';
import { catalogFiles, resolveScenarioRef } from '../../scenarios/catalog.ts';
import { loadScenarioFile, type Scenario } from '../../scenarios/loader/load-scenario.ts';
import { formatProblem, ScenarioFileError } from '../../scenarios/loader/scenario-error.ts';
import { formatTable } from '../../scenarios/reporters/format-table.ts';
import { createReporter } from '../../scenarios/reporters/index.ts';
import { REPORTER_NAMES, type ReporterName } from '../../scenarios/reporters/reporter.ts';
import { describeStep, runScenario, type ScenarioResult } from '../../scenarios/runner.ts';
import { selectScenarios, TIERS, type Tier } from '../../scenarios/tiers.ts';
import { CliError } from '../cli-error.ts';

/** Exit status when a scenario file is broken (nothing ran); failed expectations exit 1. */
export const EXIT_INVALID = 2;

/** Load every file, or none: a broken file is reported with file, line and field and nothing runs. */
export function loadScenarios(refs: string[]): Scenario[] {
  let files: string[];
  try {
    files = refs.length > 0 ? refs.map(resolveScenarioRef) : catalogFiles();
  } catch (err) {
    throw new CliError((err as Error).message, EXIT_INVALID);
  }
  const loaded: Scenario[] = [];
  const problems: string[] = [];
  for (const f of files) {
    try {
      loaded.push(loadScenarioFile(f));
    } catch (err) {
      if (!(err instanceof ScenarioFileError)) throw err;
      problems.push(...err.problems.map(formatProblem));
    }
  }
  if (problems.length > 0) {
    throw new CliError(`invalid scenario file(s); nothing was run:\n${problems.join('\n')}`, EXIT_INVALID);
  }
  return loaded;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function listCommand(): Command {
  return new Command('list')
    .description('the troubleshooting catalog: one scenario per case')
    .option('--tag <tag>', 'only scenarios with this tag (repeatable)', collect)
    .option('--json', 'print as JSON')
    .action((opts: { tag?: string[]; json?: boolean }) => {
      const all = loadScenarios([]).filter((s) => !opts.tag || opts.tag.some((t) => s.tags?.includes(t)));
      if (opts.json) {
        const rows = all.map(({ id, title, section, symptom, cause, fix, tags }) => ({
          id,
          title,
          section,
          symptom,
          cause,
          fix,
          tags,
        }));
        process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
        return;
      }
      process.stdout.write(
        `${formatTable(
          ['id', 'title', 'tags'],
          all.map((s) => [s.id, s.title, (s.tags ?? []).join(',')]),
        )}\n`,
      );
    });
}

export function showCommand(): Command {
  return new Command('show')
    .description('one scenario: its section of the troubleshooting text, symptom, cause, fix and steps')
    .argument('<id>', 'catalog id or scenario file')
    .option('--json', 'print as JSON')
    .action((ref: string, opts: { json?: boolean }) => {
      const [s] = loadScenarios([ref]);
      if (!s) return;
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(s, null, 2)}\n`);
        return;
      }
      const lines = [
        `${s.id}: ${s.title}`,
        `  section: ${s.section}`,
        `  symptom: ${s.symptom}`,
        `  cause:   ${s.cause}`,
        `  fix:     ${s.fix}`,
        `  tags:    ${(s.tags ?? []).join(', ') || '-'}`,
        `  lab:     ${s.lab.exchange.servers.length} Exchange server(s), ${s.lab.exchange.mailboxes?.length ?? 0} mailbox(es), clock ${s.lab.start}`,
        '',
        ...s.steps.map((step, i) => `  ${String(i + 1).padStart(2)}. (line ${s.stepLines[i]}) ${describeStep(step)}`),
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}

interface RunOptions {
  tag?: string[];
  tier: Tier;
  reporter: ReporterName;
  out?: string;
}

export function runCommand(): Command {
  return new Command('run')
    .description(
      'run scenarios headless (the catalog but its full tier by default); exit 1 when an expectation fails, 2 when a file is invalid',
    )
    .argument('[scenarios...]', 'catalog ids or scenario files')
    .option('--tag <tag>', 'only scenarios with this tag (repeatable)', collect)
    .addOption(
      new Option('--tier <tier>', 'quick: the catalog minus the full tier; full: every scenario, the minutes-long too')
        .choices([...TIERS])
        .default('quick'),
    )
    .addOption(new Option('--reporter <name>', 'report format').choices([...REPORTER_NAMES]).default('pretty'))
    .option('--out <file>', 'write the report to this file instead of stdout')
    .action(async (refs: string[], opts: RunOptions) => {
      const selected = selectScenarios(loadScenarios(refs), {
        named: refs.length > 0,
        tier: opts.tier,
        tags: opts.tag,
      });
      if (selected.length === 0)
        throw new CliError(`no scenario matches${opts.tag ? ` tag ${opts.tag.join(', ')}` : ''}`);
      const reporter = createReporter(opts.reporter);
      const progress = opts.reporter === 'pretty' && !opts.out;
      const t0 = performance.now();
      const results: ScenarioResult[] = [];
      for (const s of selected) {
        const r = await runScenario(s);
        results.push(r);
        if (progress) process.stdout.write(reporter.scenario(r));
      }
      const report =
        (progress ? '' : results.map((r) => reporter.scenario(r)).join('')) +
        reporter.finish(results, performance.now() - t0);
      if (opts.out) {
        const file = resolve(opts.out);
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, report);
      } else process.stdout.write(report);
      const failed = results.filter((r) => !r.ok).length;
      if (failed > 0) throw new CliError(`${failed} of ${results.length} scenario(s) failed`, 1);
    });
}
