import { Command, CommanderError } from 'commander';
import { CliError } from './cli-error.ts';
import { gatewayCommand } from './commands/gateway.ts';
import { engineCommand, impCommand } from './commands/imp.ts';
import { labCommand } from './commands/lab.ts';
import { mockExchangeCommand } from './commands/mock-exchange.ts';
import { sqlCommand } from './commands/sql.ts';
import { logsCommand, statusCommand, viewerCommand } from './commands/status.ts';
import { trustCommand } from './commands/trust.ts';

const program = new Command('pgsim')
  .description('Presence-gateway simulator: a mock Microsoft Exchange and an IM and Presence calendaring gateway.')
  .showHelpAfterError()
  .exitOverride();

program.addCommand(labCommand());
program.addCommand(mockExchangeCommand());
program.addCommand(gatewayCommand());
program.addCommand(trustCommand());
program.addCommand(impCommand());
program.addCommand(engineCommand());
program.addCommand(statusCommand());
program.addCommand(viewerCommand());
program.addCommand(sqlCommand());
program.addCommand(logsCommand());

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
