import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Command, CommanderError } from 'commander';
import { CliError } from './cli-error.ts';
import { clientCommand } from './commands/client.ts';
import { demoCommand } from './commands/demo.ts';
import { directoryCommand, localeCommand } from './commands/directory.ts';
import { exchangeCommand } from './commands/exchange.ts';
import { gatewayCommand } from './commands/gateway.ts';
import { engineCommand, impCommand } from './commands/imp.ts';
import { labCommand } from './commands/lab.ts';
import { mockExchangeCommand } from './commands/mock-exchange.ts';
import { listCommand, runCommand, showCommand } from './commands/scenarios.ts';
import { sqlCommand } from './commands/sql.ts';
import { logsCommand, statusCommand, viewerCommand } from './commands/status.ts';
import { trustCommand } from './commands/trust.ts';
import { userCommand } from './commands/user.ts';

/** The pgsim command tree, built without running anything (tests inspect it). */
export function buildProgram(): Command {
  const program = new Command('pgsim')
    .description('Presence-gateway simulator: a mock Microsoft Exchange and an IM and Presence calendaring gateway.')
    .showHelpAfterError()
    .exitOverride();

  program.addCommand(labCommand());
  program.addCommand(mockExchangeCommand());
  program.addCommand(exchangeCommand());
  program.addCommand(gatewayCommand());
  program.addCommand(trustCommand());
  program.addCommand(impCommand());
  program.addCommand(engineCommand());
  program.addCommand(statusCommand());
  program.addCommand(viewerCommand());
  program.addCommand(directoryCommand());
  program.addCommand(localeCommand());
  program.addCommand(sqlCommand());
  program.addCommand(logsCommand());
  program.addCommand(userCommand());
  program.addCommand(clientCommand());
  program.addCommand(runCommand());
  program.addCommand(listCommand());
  program.addCommand(showCommand());
  program.addCommand(demoCommand());
  return program;
}

/** Parse argv and run the command; on failure print the error and exit with its status. */
export async function runCli(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) process.exit(err.exitCode);
    if (err instanceof CliError) {
      process.stderr.write(`pgsim: ${err.message}\n`);
      process.exit(err.exitCode);
    }
    process.stderr.write(`pgsim: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  }
}

// Run as the entry point too (`tsx cli/cli.ts ...`); cli/bin/pgsim.js imports this file and calls runCli.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) await runCli(process.argv);
