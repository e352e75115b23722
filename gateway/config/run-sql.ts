import { GatewayError } from '../gateway-error.ts';
import type { ConfigDatabase } from './config-database.ts';
import { HASH_PREFIX } from './password-hash.ts';
import { ENCRYPTED_PREFIX } from './secret-box.ts';

export interface SqlResult {
  columns: string[];
  rows: unknown[][];
}

/** What `run sql` shows instead of a password, hashed or encrypted, whatever the query called the column. */
export const MASK = '********';

function isSecret(value: unknown, passwordColumn: boolean): boolean {
  if (typeof value !== 'string' || value === '') return false;
  // substr() or a rename must not reveal a value either: any fragment of ciphertext or hash is masked too.
  return passwordColumn || value.includes(ENCRYPTED_PREFIX) || value.includes(HASH_PREFIX);
}

/** Strip string literals, quoted identifiers and comments so keywords and ';' can be found safely. */
function skeleton(sql: string): string {
  return sql
    .replace(/'(?:[^']|'')*'/g, "''")
    .replace(/"(?:[^"]|"")*"/g, '""')
    .replace(/`[^`]*`|\[[^\]]*\]/g, 'x')
    .replace(/--[^\n]*/g, ' ')
    .replace(/\/\*[\s\S]*?\*\//g, ' ');
}

/**
 * `run sql` for the node's database: exactly one SELECT (or WITH ... SELECT), executed on a query-only
 * connection so that even a crafted statement cannot write.
 */
export function runSelect(db: ConfigDatabase, sql: string): SqlResult {
  const bare = skeleton(sql).trim().replace(/;\s*$/, '');
  if (bare === '')
    throw new GatewayError('NOT_A_SELECT', 'No SQL statement given; try: SELECT * FROM pebackendgateway');
  if (bare.includes(';'))
    throw new GatewayError('NOT_A_SELECT', 'Only a single SELECT statement is allowed; found several statements');
  if (!/^(select|with)\b/i.test(bare)) {
    const verb = bare.split(/\s+/)[0]?.toUpperCase();
    throw new GatewayError('NOT_A_SELECT', `Only SELECT statements are allowed (read-only); "${verb}" was refused`);
  }
  // A writable connection is made query-only for the duration of the statement.
  if (!db.readonly) db.db.exec('PRAGMA query_only = ON');
  try {
    const stmt = db.db.prepare(sql.trim().replace(/;\s*$/, ''));
    if (!stmt.reader) throw new GatewayError('NOT_A_SELECT', 'Only statements that return rows are allowed');
    const columns = stmt.columns().map((c) => c.name);
    const secret = columns.map((c) => /password/i.test(c));
    const rows = (stmt.raw(true).all() as unknown[][]).map((r) =>
      r.slice(0, columns.length).map((v, i) => (isSecret(v, secret[i] ?? false) ? MASK : v)),
    );
    return { columns, rows };
  } catch (err) {
    if (err instanceof GatewayError) throw err;
    throw new GatewayError('SQL_ERROR', `SQL error: ${(err as Error).message}`);
  } finally {
    if (!db.readonly) db.db.exec('PRAGMA query_only = OFF');
  }
}
