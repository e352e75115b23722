import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** The IM&P node's data directory: --data-dir, else PGSIM_DATA_DIR, else the user's state dir. */
export function resolveDataDir(explicit?: string): string {
  const dir = explicit ?? process.env.PGSIM_DATA_DIR ?? defaultDataDir();
  const abs = resolve(dir);
  mkdirSync(abs, { recursive: true, mode: 0o700 });
  return abs;
}

export function defaultDataDir(): string {
  const base = process.env.XDG_STATE_HOME || join(homedir(), '.local', 'state');
  return join(base, 'pgsim', 'imp');
}

export const DATABASE_FILE = 'imp-config.db';
export const NODE_STATE_FILE = 'imp-node.json';
export const DEBUG_LOG_FILE = 'debug.log';
