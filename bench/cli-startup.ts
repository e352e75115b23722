/**
 * Start-up of the pgsim command as installed: `pgsim --help` and `pgsim status --json` on an empty data
 * directory, run by the compiled bin (it builds dist/ first when dist/ is not current), each against
 * `node -e 0` in the same run: median wall time of several runs, and the ratio. Target: within 4 x of node.
 *
 *   npx tsx bench/cli-startup.ts [--runs 7]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { distIsCurrent } from '../cli/bin/source-stamp.js';
import { REPO_ROOT } from '../test/support/pgsim-process.ts';

const TARGET_RATIO = 4;
const { values: args } = parseArgs({ options: { runs: { type: 'string', default: '7' } } });
const runs = Number(args.runs);
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive integer, got ${args.runs}`);

execFileSync(process.execPath, [join(REPO_ROOT, 'scripts', 'build.mjs')], { cwd: REPO_ROOT, stdio: 'inherit' });
if (!distIsCurrent(REPO_ROOT)) throw new Error('dist/ is not current after the build: the bin would run the sources');

const bin = join(REPO_ROOT, 'cli', 'bin', 'pgsim.js');
const dataDir = mkdtempSync(join(tmpdir(), 'pgsim-cli-startup-'));
const cases: [string, string[]][] = [
  ['node -e 0', ['-e', '0']],
  ['pgsim --help', [bin, '--help']],
  ['pgsim status --json', [bin, 'status', '--json', '--data-dir', dataDir]],
];

/** Wall time of one run, in ms; a run that fails stops the bench with its output. */
function once(argv: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, argv, {
    cwd: tmpdir(),
    encoding: 'utf8',
    env: { ...process.env, HOME: dataDir },
  });
  const wall = performance.now() - t0;
  if (r.status !== 0) throw new Error(`node ${argv.join(' ')} exited ${r.status}: ${r.stderr}`);
  return wall;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

// Interleaved rounds, so a burst of load on the machine falls on every case alike.
const walls = new Map<string, number[]>(cases.map(([name]) => [name, []]));
once(cases[1]?.[1] ?? []); // warm the file cache once; not counted
for (let round = 0; round < runs; round++) {
  for (const [name, argv] of cases) walls.get(name)?.push(once(argv));
}
rmSync(dataDir, { recursive: true, force: true });

const [l1, l5] = loadavg();
process.stdout.write(
  `cli-startup: median of ${runs} runs, ${cpus().length} CPUs, load average ${l1?.toFixed(2)} / ${l5?.toFixed(2)}\n`,
);
const base = median(walls.get('node -e 0') ?? []);
let worst = 0;
for (const [name] of cases) {
  const m = median(walls.get(name) ?? []);
  const ratio = m / base;
  if (name !== 'node -e 0') worst = Math.max(worst, ratio);
  process.stdout.write(`  ${name.padEnd(22)} ${m.toFixed(0).padStart(6)} ms  ${ratio.toFixed(2)} x node -e 0\n`);
}
process.stdout.write(
  `worst ratio ${worst.toFixed(2)} x (target within ${TARGET_RATIO} x): ${worst <= TARGET_RATIO ? 'met' : 'NOT met'}\n`,
);
