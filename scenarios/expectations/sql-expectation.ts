import type { ConfigDatabase } from '../../gateway/config/config-database.ts';
import { runSelect } from '../../gateway/config/run-sql.ts';
import { t } from '../schema/spec.ts';
import { type Check, compare, expectation } from './expectation.ts';

/**
 * `run sql` on the node: one read-only SELECT with run-sql.ts's rules. The lab's database is in memory,
 * so instead of a second read-only connection the same one is switched to query_only for the query.
 */
export function selectReadOnly(db: ConfigDatabase, sql: string) {
  db.db.exec('PRAGMA query_only = ON');
  try {
    return runSelect({ readonly: true, db: db.db } as ConfigDatabase, sql);
  } finally {
    db.db.exec('PRAGMA query_only = OFF');
  }
}

export const sqlExpectation = expectation({
  key: 'sql',
  summary: 'database values on the IM&P node (a read-only SELECT, as "run sql")',
  spec: t.object({
    query: t.string(),
    rows: t.optional(
      t
        .array(t.record(t.union(t.string(), t.number(), t.boolean())))
        .describe('every row, in order; only the columns named are compared'),
    ),
  }),
  check: async (lab, exp, observe) => {
    const { columns, rows } = selectReadOnly(lab.imp.config.db, exp.query);
    observe({ query: exp.query, columns, rows });
    const objects = rows.map((r) => Object.fromEntries(columns.map((c, i) => [c, r[i]])));
    const checks: Check[] = [];
    if (exp.rows) {
      checks.push(compare(`sql rows returned by ${exp.query}`, exp.rows.length, objects.length));
      for (const [i, want] of exp.rows.entries()) {
        const got = objects[i];
        const projected = got && Object.fromEntries(Object.keys(want).map((k) => [k, got[k]]));
        checks.push(compare(`sql row ${i + 1}`, want, projected ?? 'no such row'));
      }
    }
    return checks;
  },
});
