import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../pgsim-process.ts';

/**
 * A scratch folder standing in for a fresh clone: examples/ copied in, `npx pgsim`, `npx tsx` and `npm start`
 * resolved to this checkout (never the registry), and HOME, the data directory and the key pool inside it.
 */
export function docScratch(keyCache: string): { dir: string; env: NodeJS.ProcessEnv } {
  const dir = mkdtempSync(join(tmpdir(), 'pgsim-doc-'));
  const bin = join(dir, '.doc-bin');
  mkdirSync(bin);
  mkdirSync(join(dir, 'home'));
  if (existsSync(join(REPO_ROOT, 'examples')))
    cpSync(join(REPO_ROOT, 'examples'), join(dir, 'examples'), { recursive: true });
  const pgsim = `"${process.execPath}" "${join(REPO_ROOT, 'cli', 'bin', 'pgsim.js')}"`;
  shim(bin, 'npx', [
    'case "$1" in',
    `  pgsim) shift; exec ${pgsim} "$@" ;;`,
    `  tsx) shift; exec "${join(REPO_ROOT, 'node_modules', '.bin', 'tsx')}" "$@" ;;`,
    'esac',
    'echo "doc test: npx $1 is not a bin of this project" >&2; exit 127',
  ]);
  shim(bin, 'npm', [
    `if [ "$1" = start ]; then shift; exec ${pgsim} lab "$@"; fi`,
    'echo "doc test: only npm start runs in a doc block" >&2; exit 127',
  ]);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: `${bin}:${process.env.PATH ?? ''}`,
    HOME: join(dir, 'home'),
    PGSIM_DATA_DIR: join(dir, 'data'),
    PGSIM_KEY_CACHE: keyCache,
  };
  return { dir, env };
}

/** One key pool for a whole run, seeded from the user's (read, never written) so it is warm. */
export function docKeyCache(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pgsim-doc-keys-'));
  const user = process.env.PGSIM_KEY_CACHE ?? join(homedir(), '.cache', 'pgsim');
  if (existsSync(user)) cpSync(user, dir, { recursive: true });
  return dir;
}

function shim(bin: string, name: string, body: string[]): void {
  writeFileSync(join(bin, name), `#!/bin/sh\n${body.join('\n')}\n`);
  chmodSync(join(bin, name), 0o755);
}
