import { Command } from 'commander';
import { ConfigDatabase } from '../../gateway/config/config-database.ts';
import { resolveDataDir } from '../../gateway/config/data-dir.ts';
import { runSelect } from '../../gateway/config/run-sql.ts';
import { GatewayError } from '../../gateway/gateway-error.ts';
import { formatTable } from '../../scenarios/reporters/format-table.ts';
import { CliError } from '../cli-error.ts';
import { addDataDirOption, type DataDirOptions } from './imp-common.ts';

export function sqlCommand(): Command {
  const cmd = new Command('sql')
    .description('run a read-only SELECT against the IM&P configuration database (like "run sql")')
    .argument(
      '<select>',
      'one SELECT statement, e.g. "SELECT presencegateway, localecalendarname FROM pebackendgateway"',
    )
    .option('--json', 'print rows as JSON objects')
    .action((sql: string, opts: DataDirOptions) => {
      const db = ConfigDatabase.open(resolveDataDir(opts.dataDir), { readonly: true });
      try {
        const { columns, rows } = runSelect(db, sql);
        if (opts.json) {
          const objects = rows.map((r) => Object.fromEntries(columns.map((c, i) => [c, r[i]])));
          process.stdout.write(`${JSON.stringify(objects, null, 2)}\n`);
        } else {
          process.stdout.write(`${formatTable(columns, rows)}\n`);
        }
      } catch (err) {
        if (err instanceof GatewayError) throw new CliError(err.message);
        throw err;
      } finally {
        db.close();
      }
    });
  return addDataDirOption(cmd);
}
