import { appendFileSync, closeSync, existsSync, openSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import type { Journal, JournalEntry } from '../sim/journal.ts';
import { wireText } from '../sim/wire-text.ts';
import { secureFile } from './config/data-dir.ts';

/** When debug.log is rotated: past maxBytes it becomes debug.log.1 (.1 becomes .2, ...), keeping `files` old files. */
export interface DebugLogRotation {
  maxBytes: number;
  files: number;
}

export const DEFAULT_ROTATION: DebugLogRotation = { maxBytes: 10 * 1024 * 1024, files: 5 };

/** The rotation from PGSIM_DEBUG_LOG_MAX_BYTES and PGSIM_DEBUG_LOG_FILES, else the defaults. */
export function rotationFromEnv(env: NodeJS.ProcessEnv = process.env): DebugLogRotation {
  const read = (name: string, fallback: number, min: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min)
      throw new Error(`${name} must be an integer >= ${min}, got "${wireText(raw, 40)}"`);
    return n;
  };
  return {
    maxBytes: read('PGSIM_DEBUG_LOG_MAX_BYTES', DEFAULT_ROTATION.maxBytes, 4096),
    files: read('PGSIM_DEBUG_LOG_FILES', DEFAULT_ROTATION.files, 1),
  };
}

/** The node's debug log: every journal entry as one JSON line in the data directory, rotated by size. */
export class DebugLog {
  readonly #unsubscribe: () => void;
  #size: number;

  constructor(
    readonly file: string,
    journal: Journal,
    readonly rotation: DebugLogRotation = DEFAULT_ROTATION,
  ) {
    this.#size = existsSync(file) ? statSync(file).size : 0;
    for (const f of debugLogFiles(file)) secureFile(f);
    this.#unsubscribe = journal.subscribe((e) => this.#append(`${JSON.stringify(e)}\n`));
  }

  #append(line: string): void {
    try {
      const bytes = Buffer.byteLength(line);
      if (this.#size > 0 && this.#size + bytes > this.rotation.maxBytes) this.#rotate();
      appendFileSync(this.file, line, { mode: 0o600 });
      this.#size += bytes;
    } catch {
      // A full disk must not stop the node; the in-memory journal still has the entry.
    }
  }

  #rotate(): void {
    const n = this.rotation.files;
    rmSync(`${this.file}.${n}`, { force: true });
    for (let i = n - 1; i >= 1; i--)
      if (existsSync(`${this.file}.${i}`)) renameSync(`${this.file}.${i}`, `${this.file}.${i + 1}`);
    renameSync(this.file, `${this.file}.1`);
    closeSync(openSync(this.file, 'a', 0o600));
    this.#size = 0;
  }

  close(): void {
    this.#unsubscribe();
  }
}

/** The rotated files of a debug log, oldest first, then the live file. */
export function debugLogFiles(file: string): string[] {
  const old: string[] = [];
  for (let i = 1; existsSync(`${file}.${i}`); i++) old.unshift(`${file}.${i}`);
  return existsSync(file) ? [...old, file] : old;
}

/** Every entry of a debug log, across its rotated files, oldest first. */
export function readDebugLog(file: string): JournalEntry[] {
  return debugLogFiles(file).flatMap((f) =>
    readFileSync(f, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .flatMap((l) => {
        try {
          return [JSON.parse(l) as JournalEntry];
        } catch {
          return [];
        }
      }),
  );
}

/** The readable form of a log line for the terminal: no value in it can move the cursor or forge a line. */
export function formatLogEntry(e: JournalEntry): string {
  const data = e.data && Object.keys(e.data).length ? ` ${JSON.stringify(e.data)}` : '';
  return wireText(
    `${new Date(e.at).toISOString()} ${e.level.toUpperCase().padEnd(5)} [${e.source}] ${e.message}${data}`,
    64 * 1024,
  );
}
