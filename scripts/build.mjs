// Compiles the package into dist/: JavaScript and declaration files (tsc), the dashboard's browser bundle
// (esbuild) and the files read at run time by path (the scenario catalog, the dashboard page). Run by
// `npm run build`, and by `prepare` (so `npm ci` and `npm pack` build it). A no-op when dist/ is current.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { distIsCurrent, STAMP_FILE, sourceStamp } from '../cli/bin/source-stamp.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const force = process.argv.includes('--force');

if (!force && distIsCurrent(root)) {
  process.stdout.write('pgsim build: dist/ is current\n');
  // The command modules loaded for the summaries may hold handles open; the build is done.
  process.exit(0);
}

// Stamped before compiling: a source edited during the build leaves dist/ stale, not falsely current.
const sources = sourceStamp(root);
const started = Date.now();
// Built aside and swapped in whole, so a pgsim already running from dist/ never sees a half-written tree.
const next = join(root, 'dist.next');
rmSync(next, { recursive: true, force: true });

execFileSync(
  process.execPath,
  [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json', '--outDir', next],
  {
    cwd: root,
    stdio: 'inherit',
  },
);

// The top-level help's command lines, so `pgsim --help` lists the commands without loading them all.
const cli = await import(pathToFileURL(join(next, 'cli', 'cli.js')).href);
writeFileSync(join(next, 'cli', cli.SUMMARY_FILE), `${JSON.stringify(await cli.commandSummaries(), null, 2)}\n`);

// The scenario catalog and its JSON Schema, beside the compiled catalog.js that finds them by path.
mkdirSync(join(next, 'scenarios', 'catalog'), { recursive: true });
for (const name of readdirSync(join(root, 'scenarios', 'catalog'))) {
  if (name.endsWith('.yaml'))
    cpSync(join(root, 'scenarios', 'catalog', name), join(next, 'scenarios', 'catalog', name));
}
cpSync(join(root, 'scenarios', 'scenario.schema.json'), join(next, 'scenarios', 'scenario.schema.json'));

// The dashboard page: bundled once here, so the installed package needs no bundler at run time.
const client = join(root, 'dashboard', 'client');
await build({
  entryPoints: [join(client, 'main.ts')],
  outfile: join(next, 'dashboard', 'client', 'main.js'),
  bundle: true,
  format: 'esm',
  target: 'es2022',
  logLevel: 'warning',
});
for (const name of ['index.html', 'dashboard.css']) cpSync(join(client, name), join(next, 'dashboard', 'client', name));

writeFileSync(join(next, 'build-stamp.json'), `${JSON.stringify({ sources, builtAt: new Date().toISOString() })}\n`);

const dist = join(root, 'dist');
const old = join(root, 'dist.old');
rmSync(old, { recursive: true, force: true });
if (existsSync(dist)) renameSync(dist, old);
renameSync(next, dist);
rmSync(old, { recursive: true, force: true });
process.stdout.write(`pgsim build: dist/ built in ${((Date.now() - started) / 1000).toFixed(1)} s (${STAMP_FILE})\n`);
// The command modules loaded for the summaries may hold handles open; the build is done.
process.exit(0);
