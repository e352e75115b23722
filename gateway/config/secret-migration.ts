import { hashPassword, isPasswordHash } from './password-hash.ts';
import { SecretBox } from './secret-box.ts';

/** What the migration needs of the database (ConfigDatabase, without importing it back). */
interface Db {
  readonly secrets: SecretBox;
  all<T>(sql: string, ...params: unknown[]): T[];
  run(sql: string, ...params: unknown[]): { changes: number };
  transaction<T>(fn: () => T): T;
}

/**
 * Databases written before passwords were protected hold them in clear: the service account's is
 * encrypted, end users' and directory users' hashed. Returns how many values were rewritten.
 */
export function protectClearPasswords(db: Db): number {
  return db.transaction(() => {
    let changed = 0;
    for (const row of db.all<{ id: number; password: string }>('SELECT id, password FROM pegatewayaccount')) {
      if (SecretBox.isEncrypted(row.password)) continue;
      db.run('UPDATE pegatewayaccount SET password = ? WHERE id = ?', db.secrets.encrypt(row.password), row.id);
      changed++;
    }
    for (const table of ['enduser', 'ldapuser'] as const) {
      const rows = db.all<{ userid: string; password: string }>(
        `SELECT userid, password FROM ${table} WHERE password != ''`,
      );
      for (const row of rows) {
        if (isPasswordHash(row.password)) continue;
        db.run(`UPDATE ${table} SET password = ? WHERE userid = ?`, hashPassword(row.password), row.userid);
        changed++;
      }
    }
    return changed;
  });
}
