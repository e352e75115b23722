import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Command, CommanderError, Help } from 'commander';
import { applyHeapSettings } from '../sim/heap-growth.ts';
import { giveToken, TOKEN_ENV } from './admin-tokens.ts';
import { CliError } from './cli-error.ts';

type CommandLoader = () => Promise<Command>;

/**
 * Every top-level command with the module that builds it. A command's module is loaded only when that command
 * runs, so `pgsim gateway list` does not pay for loading the lab, the dashboard and the mock Exchange.
 */
export const COMMANDS: readonly (readonly [string, CommandLoader])[] = [
  ['lab', async () => (await import('./commands/lab.ts')).labCommand()],
  ['mock-exchange', async () => (await import('./commands/mock-exchange.ts')).mockExchangeCommand()],
  ['exchange', async () => (await import('./commands/exchange.ts')).exchangeCommand()],
  ['gateway', async () => (await import('./commands/gateway.ts')).gatewayCommand()],
  ['trust', async () => (await import('./commands/trust.ts')).trustCommand()],
  ['imp', async () => (await import('./commands/imp.ts')).impCommand()],
  ['engine', async () => (await import('./commands/imp.ts')).engineCommand()],
  ['status', async () => (await import('./commands/status.ts')).statusCommand()],
  ['viewer', async () => (await import('./commands/status.ts')).viewerCommand()],
  ['directory', async () => (await import('./commands/directory.ts')).directoryCommand()],
  ['locale', async () => (await import('./commands/directory.ts')).localeCommand()],
  ['sql', async () => (await import('./commands/sql.ts')).sqlCommand()],
  ['logs', async () => (await import('./commands/status.ts')).logsCommand()],
  ['user', async () => (await import('./commands/user.ts')).userCommand()],
  ['client', async () => (await import('./commands/client.ts')).clientCommand()],
  ['run', async () => (await import('./commands/scenarios.ts')).runCommand()],
  ['list', async () => (await import('./commands/scenarios.ts')).listCommand()],
  ['show', async () => (await import('./commands/scenarios.ts')).showCommand()],
  ['demo', async () => (await import('./commands/demo.ts')).demoCommand()],
  ['verify', async () => (await import('./commands/verify.ts')).verifyCommand()],
  ['chaos', async () => (await import('./commands/chaos.ts')).chaosCommand()],
];

/** The pgsim command tree, built without running anything (tests inspect it); `only` loads that command alone. */
export async function buildProgram(only?: string): Promise<Command> {
  const program = new Command('pgsim')
    .description('Presence-gateway simulator: a mock Microsoft Exchange and an IM and Presence calendaring gateway.')
    .showHelpAfterError()
    .option(
      '--token <token>',
      `admin token of the node or organization to act on (default: the one its data directory records, else $${TOKEN_ENV})`,
    )
    .exitOverride();
  program.hook('preAction', () => giveToken(program.opts<{ token?: string }>().token));
  for (const [name, load] of COMMANDS) if (only === undefined || only === name) program.addCommand(await load());
  return program;
}

/** How the top-level help shows one command: its term (`viewer [options] <gateway>`) and its description. */
export interface CommandSummary {
  name: string;
  term: string;
  description: string;
}

/** The top-level help's lines for every command, as the build step writes them beside the compiled CLI. */
export const SUMMARY_FILE = 'command-summaries.json';

/** Every command's help line, read from the whole tree (the build step stores them in SUMMARY_FILE). */
export async function commandSummaries(): Promise<CommandSummary[]> {
  const program = await buildProgram();
  const help = program.createHelp();
  return program.commands.map((c) => ({ name: c.name(), term: help.subcommandTerm(c), description: c.description() }));
}

/**
 * The tree for a command line that names no command (`pgsim --help`, a typo): from the stored summaries when the
 * compiled CLI has them, so listing the commands loads none of them; else every command, loaded.
 */
async function topLevelProgram(): Promise<Command> {
  let summaries: CommandSummary[];
  try {
    summaries = JSON.parse(readFileSync(new URL(SUMMARY_FILE, import.meta.url), 'utf8')) as CommandSummary[];
  } catch {
    return buildProgram();
  }
  const program = await buildProgram('');
  const terms = new Map(summaries.map((s) => [s.name, s.term]));
  for (const s of summaries) program.addCommand(new Command(s.name).description(s.description));
  const standard = new Help();
  program.configureHelp({ subcommandTerm: (c) => terms.get(c.name()) ?? standard.subcommandTerm(c) });
  return program;
}

/** The command a command line names, when it is one of ours (else the whole tree answers: help, typos). */
function namedCommand(argv: string[]): string | undefined {
  const args = argv.slice(2);
  let first: string | undefined;
  for (let i = 0; i < args.length && first === undefined; i++) {
    const a = args[i] as string;
    if (a === '--token')
      i++; // the program's one option with a value: its value is not a command
    else if (!a.startsWith('-')) first = a;
  }
  return COMMANDS.some(([name]) => name === first) ? first : undefined;
}

/** Parse argv and run the command; on failure print the error and exit with its status. */
export async function runCli(argv: string[]): Promise<void> {
  // A lab, a mock Exchange or a node keeps its heap near its live data (sim/heap-growth.ts).
  applyHeapSettings();
  try {
    const named = namedCommand(argv);
    await (await (named === undefined ? topLevelProgram() : buildProgram(named))).parseAsync(argv);
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
