import { Command, CommanderError } from 'commander';
import { CliError } from './cli-error.ts';
import { labCommand } from './commands/lab.ts';
import { mockExchangeCommand } from './commands/mock-exchange.ts';

const program = new Command('pgsim')
  .description('Presence-gateway simulator: a mock Microsoft Exchange and an IM and Presence calendaring gateway.')
  .showHelpAfterError()
  .exitOverride();

program.addCommand(labCommand());
program.addCommand(mockExchangeCommand());

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) process.exit(err.exitCode);
  if (err instanceof CliError) {
    process.stderr.write(`pgsim: ${err.message}\n`);
    process.exit(err.exitCode);
  }
  process.stderr.write(`pgsim: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
}
