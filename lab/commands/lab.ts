import { Command } from 'commander';
import { runMockExchange } from './mock-exchange.ts';

/** The whole lab. For now that is the default mock Exchange organization; the gateway and dashboard join it later. */
export function labCommand(): Command {
  return new Command('lab')
    .description('start the built-in lab (npm start): the default mock Exchange organization')
    .option('--ready-file <file>', 'write the lab facts as JSON when everything is up')
    .action(async (opts: { readyFile?: string }) => {
      await runMockExchange({ readyFile: opts.readyFile });
    });
}
