import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import type { Journal, JournalEntry } from '../sim/journal.ts';

/** The node's debug log: every journal entry as one JSON line in the data directory. */
export class DebugLog {
  readonly #unsubscribe: () => void;

  constructor(
    readonly file: string,
    journal: Journal,
  ) {
    this.#unsubscribe = journal.subscribe((e) => {
      try {
        appendFileSync(file, `${JSON.stringify(e)}\n`);
      } catch {
        // A full disk must not stop the node; the in-memory journal still has the entry.
      }
    });
  }

  close(): void {
    this.#unsubscribe();
  }
}

export function readDebugLog(file: string): JournalEntry[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .flatMap((l) => {
      try {
        return [JSON.parse(l) as JournalEntry];
      } catch {
        return [];
      }
    });
}

/** The readable form of a log line for the terminal. */
export function formatLogEntry(e: JournalEntry): string {
  const data = e.data && Object.keys(e.data).length ? ` ${JSON.stringify(e.data)}` : '';
  return `${new Date(e.at).toISOString()} ${e.level.toUpperCase().padEnd(5)} [${e.source}] ${e.message}${data}`;
}
