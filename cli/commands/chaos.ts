import { writeFileSync } from 'node:fs';
import { Command } from 'commander';
import { CHAOS_FAULT_KINDS, type ChaosFaultKind } from '../../scenarios/chaos/chaos-faults.ts';
import { DEFAULTS, minimumDuration } from '../../scenarios/chaos/chaos-options.ts';
import { CliError } from '../cli-error.ts';

interface ChaosCliOptions {
  users: string;
  seed?: string;
  duration: string;
  faults?: string;
  faultCount: string;
  json?: boolean;
  junit?: string;
  progress?: boolean;
}

const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 };

/** A virtual duration written 90m, 6h or 1d. */
export function parseDuration(raw: string): number {
  const m = /^(\d+(?:\.\d+)?)([mhd])$/.exec(raw.trim());
  if (!m)
    throw new CliError(`--duration must be a number of minutes, hours or days such as 90m, 6h or 1d, got "${raw}"`);
  return Math.round(Number(m[1]) * (UNIT_MS[m[2] as string] as number));
}

function wholeNumber(raw: string, flag: string, min: number): number {
  const n = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || n < min)
    throw new CliError(`${flag} must be a whole number >= ${min}, got "${raw}"`);
  return n;
}

function faultKinds(raw: string | undefined): ChaosFaultKind[] | undefined {
  if (raw === undefined) return undefined;
  const kinds = raw
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean);
  const unknown = kinds.filter((k) => !(CHAOS_FAULT_KINDS as readonly string[]).includes(k));
  if (unknown.length > 0 || kinds.length === 0)
    throw new CliError(
      `--faults: unknown fault ${unknown.map((k) => `"${k}"`).join(', ') || '(none given)'}; use some of ${CHAOS_FAULT_KINDS.join(', ')}`,
    );
  return kinds as ChaosFaultKind[];
}

export function chaosCommand(): Command {
  return new Command('chaos')
    .description(
      'random faults against many users on a virtual day; checks that every published presence converges to the calendars',
    )
    .option('--users <n>', 'users with seeded random calendars', String(DEFAULTS.users))
    .option('--seed <seed>', 'seed of the calendars and the fault schedule (default: a new one, printed for replay)')
    .option('--duration <d>', `virtual run time, e.g. 24h, 90m, 1d (at least ${minimumDuration() / 60_000}m)`, '24h')
    .option('--faults <kinds>', `comma-separated subset of: ${CHAOS_FAULT_KINDS.join(', ')}`)
    .option('--fault-count <n>', 'faults in the schedule', String(DEFAULTS.faultCount))
    .option('--json', 'print the result as JSON')
    .option('--junit <file>', 'also write a JUnit XML report (one testcase per user)')
    .option('--progress', 'print each virtual hour to stderr as it passes')
    .action(async (opts: ChaosCliOptions) => {
      const durationMs = parseDuration(opts.duration);
      if (durationMs < minimumDuration())
        throw new CliError(
          `--duration must be at least ${minimumDuration() / 60_000}m (a warm-up, an hour of faults and the quiet tail), got "${opts.duration}"`,
        );
      // The lab loads only once the options hold.
      const { runChaos } = await import('../../scenarios/chaos/chaos-run.ts');
      const { chaosJunit, renderChaos } = await import('../../scenarios/chaos/chaos-report.ts');
      const result = await runChaos({
        users: wholeNumber(opts.users, '--users', 1),
        seed: opts.seed,
        durationMs,
        faults: faultKinds(opts.faults),
        faultCount: wholeNumber(opts.faultCount, '--fault-count', 0),
        onProgress: opts.progress ? (m) => process.stderr.write(`${m}\n`) : undefined,
      });
      if (opts.junit) {
        try {
          writeFileSync(opts.junit, `${chaosJunit(result)}\n`);
        } catch (err) {
          throw new CliError(
            `cannot write --junit ${opts.junit}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`,
          );
        }
      }
      process.stdout.write(`${opts.json ? JSON.stringify(result, null, 2) : renderChaos(result)}\n`);
      if (!result.ok) process.exitCode = 1;
    });
}
