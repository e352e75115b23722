import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** The IM&P node's data directory: --data-dir, else PGSIM_DATA_DIR, else the user's state dir. */
export function resolveDataDir(explicit?: string): string {
  const dir = explicit ?? process.env.PGSIM_DATA_DIR ?? defaultDataDir();
  const abs = resolve(dir);
  secureDataDir(abs);
  return abs;
}

/** The data directory holds the key and the database: 0700, whatever mode it had before. */
export function secureDataDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  restrict(dir, 0o700);
}

/** A file in the data directory: 0600 if it exists, whatever mode it was made with (SQLite uses the umask). */
export function secureFile(file: string): void {
  if (existsSync(file)) restrict(file, 0o600);
}

function restrict(path: string, mode: number): void {
  try {
    chmodSync(path, mode);
  } catch (err) {
    // A directory someone else owns (a shared parent given by mistake) cannot be changed: leave it, never crash.
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') throw err;
  }
}

export function defaultDataDir(): string {
  const base = process.env.XDG_STATE_HOME || join(homedir(), '.local', 'state');
  return join(base, 'pgsim', 'imp');
}

export const DATABASE_FILE = 'imp-config.db';
export const NODE_STATE_FILE = 'imp-node.json';
export const DEBUG_LOG_FILE = 'debug.log';
