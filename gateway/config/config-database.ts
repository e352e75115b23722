import { join } from 'node:path';
import Database from 'libsql';
import { DATABASE_FILE, secureDataDir, secureFile } from './data-dir.ts';
import { MIGRATIONS, SCHEMA_VERSION } from './schema.ts';
import { SecretBox } from './secret-box.ts';
import { protectClearPasswords } from './secret-migration.ts';

export type Row = Record<string, unknown>;

/** How many prepared statements a database keeps (the one unused for longest goes first). */
const STATEMENT_CACHE = 256;

/**
 * The node's embedded SQLite database. Every change runs in a transaction (WAL journal), so a crash
 * leaves it either before or after a change, never in between.
 */
export class ConfigDatabase {
  readonly db: Database.Database;
  /** The key that encrypts recoverable secrets (the service account's password). */
  readonly secrets: SecretBox;
  #depth = 0;
  /**
   * Prepared statements by SQL text. A statement's native memory is freed only when V8 collects its small wrapper, so
   * preparing one per call grew the process by about 22 KB per configured user (1.1 GB for 50,000) outside the heap.
   * The store methods use a fixed set of SQL texts; the bound keeps arbitrary texts from growing it for ever.
   */
  readonly #statements = new Map<string, Database.Statement>();

  private constructor(
    readonly file: string,
    readonly readonly: boolean,
    dataDir: string | ':memory:',
  ) {
    this.db = new Database(file);
    this.secrets = new SecretBox(dataDir);
    // secure_delete: a rewritten password leaves no old copy in a free page of the file.
    this.db.exec(
      'PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000; PRAGMA secure_delete = ON;',
    );
    this.#migrate();
    if (!readonly && protectClearPasswords(this) > 0) {
      // The clear values' old pages live on in the WAL until it is checkpointed and truncated.
      this.db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    }
    // libsql ignores its `readonly` open flag; SQLite itself enforces query_only.
    if (readonly) this.db.exec('PRAGMA query_only = ON');
  }

  /** Open (creating and migrating if needed) the database in a data directory, or ':memory:'. */
  static open(dataDir: string | ':memory:', options: { readonly?: boolean } = {}): ConfigDatabase {
    if (dataDir === ':memory:') return new ConfigDatabase(':memory:', options.readonly ?? false, dataDir);
    if (!options.readonly) secureDataDir(dataDir);
    const file = join(dataDir, DATABASE_FILE);
    const db = new ConfigDatabase(file, options.readonly ?? false, dataDir);
    for (const f of [file, `${file}-wal`, `${file}-shm`]) secureFile(f);
    return db;
  }

  /** Run fn inside one transaction; it commits when fn returns and rolls back when it throws. */
  transaction<T>(fn: () => T): T {
    // Nested calls become savepoints, so store methods compose inside a caller's transaction.
    const depth = this.#depth;
    const savepoint = `pgsim_sp${depth}`;
    this.db.exec(depth === 0 ? 'BEGIN IMMEDIATE' : `SAVEPOINT ${savepoint}`);
    this.#depth++;
    try {
      const result = fn();
      this.db.exec(depth === 0 ? 'COMMIT' : `RELEASE ${savepoint}`);
      return result;
    } catch (err) {
      this.db.exec(depth === 0 ? 'ROLLBACK' : `ROLLBACK TO ${savepoint}; RELEASE ${savepoint}`);
      throw err;
    } finally {
      this.#depth--;
    }
  }

  all<T = Row>(sql: string, ...params: unknown[]): T[] {
    return this.#prepared(sql)
      .all(...params)
      .map((r) => clean(r as Row) as T);
  }

  get<T = Row>(sql: string, ...params: unknown[]): T | undefined {
    const row = this.#prepared(sql).get(...params) as Row | undefined;
    return row ? (clean(row) as T) : undefined;
  }

  run(sql: string, ...params: unknown[]): { changes: number } {
    const info = this.#prepared(sql).run(...params);
    return { changes: Number(info.changes) };
  }

  /** Bumped by every change that the running Presence Engine only sees after a restart. */
  bumpGeneration(): void {
    this.run('UPDATE configgeneration SET generation = generation + 1 WHERE id = 1');
  }

  generation(): number {
    return this.get<{ generation: number }>('SELECT generation FROM configgeneration WHERE id = 1')?.generation ?? 0;
  }

  close(): void {
    this.#statements.clear();
    this.db.close();
  }

  #prepared(sql: string): Database.Statement {
    let statement = this.#statements.get(sql);
    if (statement) {
      // Most recently used last, so the bound drops the one unused for longest.
      this.#statements.delete(sql);
      this.#statements.set(sql, statement);
      return statement;
    }
    statement = this.db.prepare(sql);
    if (this.#statements.size >= STATEMENT_CACHE) this.#statements.delete(this.#statements.keys().next().value!);
    this.#statements.set(sql, statement);
    return statement;
  }

  #migrate(): void {
    const current = Number(this.get<{ user_version: number }>('PRAGMA user_version')?.user_version ?? 0);
    if (current > SCHEMA_VERSION) {
      throw new Error(`${this.file}: schema version ${current} is newer than this pgsim (${SCHEMA_VERSION})`);
    }
    for (let v = current; v < SCHEMA_VERSION; v++) {
      const sql = MIGRATIONS[v];
      if (!sql) continue;
      this.transaction(() => {
        this.db.exec(sql);
        this.db.exec(`PRAGMA user_version = ${v + 1}`);
      });
    }
  }
}

/** libsql adds a `_metadata` key to rows; rows are plain column maps here. */
function clean(row: Row): Row {
  if (!Object.hasOwn(row, '_metadata')) return row;
  const { _metadata, ...rest } = row;
  return rest;
}
