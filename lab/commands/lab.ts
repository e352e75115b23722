import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Command } from 'commander';
import { resolveDataDir } from '../../gateway/config/data-dir.ts';
import { CliError } from '../cli-error.ts';
import { LAB_USER_PASSWORD, Lab } from '../create-lab.ts';
import { forgetRunningExchange, recordRunningExchange } from '../exchange-client.ts';
import { recordInMemoryNode } from '../node-client.ts';

interface LabCliOptions {
  readyFile?: string;
  dataDir?: string;
  persist?: boolean;
}

/** The whole lab: the default mock Exchange organization and an IM&P node subscribed to every user. */
export function labCommand(): Command {
  return new Command('lab')
    .description(
      'start the built-in lab (npm start): the default mock Exchange organization and an IM&P node with every user subscribed',
    )
    .option('--ready-file <file>', 'write the lab addresses as JSON when everything is up')
    .option('--persist', 'keep the IM&P configuration in the data directory instead of in memory')
    .option('--data-dir <dir>', 'IM&P data directory used with --persist')
    .action(async (opts: LabCliOptions) => {
      let lab: Lab;
      try {
        lab = await Lab.create({ dataDir: opts.persist ? resolveDataDir(opts.dataDir) : ':memory:' });
      } catch (err) {
        throw new CliError(`the lab could not start: ${(err as Error).message}`);
      }
      const info = {
        exchange: lab.exchange.readyInfo(),
        imp: {
          adminUrl: lab.impAdminUrl,
          presenceUrl: lab.presenceUrl,
          users: lab.imp.config.users.list().map((u) => u.userId),
          userPassword: LAB_USER_PASSWORD,
        },
      };
      if (opts.readyFile) {
        const file = resolve(opts.readyFile);
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(`${file}.tmp`, `${JSON.stringify(info, null, 2)}\n`);
        renameSync(`${file}.tmp`, file);
      }
      // `pgsim exchange ...` finds the organization's admin API through this record.
      const exchangeState = recordRunningExchange(lab.exchange, opts.dataDir);
      // `pgsim client` and `pgsim user` find the in-memory node through the data directory.
      const forgetNode = opts.persist ? undefined : recordInMemoryNode(lab.impAdminUrl, opts.dataDir);
      const out = process.stdout;
      out.write('pgsim lab is up.\n');
      for (const s of info.exchange.servers)
        out.write(`  Exchange ${s.name.padEnd(5)} ${s.ewsUrl}  (${s.ip}:${s.port})\n`);
      out.write(`  Exchange admin API:   ${info.exchange.adminUrl ?? '(none)'}\n`);
      out.write(`  IM&P admin API:       ${lab.impAdminUrl}\n`);
      out.write(
        `  Presence feed:        ${lab.presenceUrl}  (users ${info.imp.users.join(', ')}; password "${LAB_USER_PASSWORD}")\n`,
      );
      out.write(`  Cisco Presence Engine: ${lab.imp.engine.state}\n`);
      out.write('Try: npx pgsim client --user alice --watch bob,carol,dave\nPress Ctrl-C to stop.\n');
      const shutdown = () => {
        forgetNode?.();
        if (exchangeState) forgetRunningExchange(exchangeState);
        void lab.stop().then(() => process.exit(0));
      };
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
    });
}
