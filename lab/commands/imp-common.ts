import type { Command } from 'commander';
import { resolveDataDir } from '../../gateway/config/data-dir.ts';
import { ImpConfig } from '../../gateway/config/imp-config.ts';
import { GatewayError } from '../../gateway/gateway-error.ts';
import { SystemClock } from '../../sim/clock.ts';
import { CliError } from '../cli-error.ts';

export interface DataDirOptions {
  dataDir?: string;
  json?: boolean;
}

export function addDataDirOption(cmd: Command): Command {
  return cmd.option(
    '--data-dir <dir>',
    'IM&P node data directory (default: $PGSIM_DATA_DIR or ~/.local/state/pgsim/imp)',
  );
}

/** Open the node's configuration, run fn, close it; GatewayErrors become messages for the terminal. */
export function withConfig<T>(opts: DataDirOptions, fn: (config: ImpConfig) => T): T {
  let config: ImpConfig;
  try {
    config = ImpConfig.open(resolveDataDir(opts.dataDir), new SystemClock());
  } catch (err) {
    throw new CliError(`cannot open the configuration database: ${(err as Error).message}`);
  }
  try {
    return fn(config);
  } catch (err) {
    if (err instanceof GatewayError) throw new CliError(`${err.message} [${err.code}]`);
    throw err;
  } finally {
    config.close();
  }
}

export function print(opts: DataDirOptions, value: unknown, text: () => string): void {
  process.stdout.write(`${opts.json ? JSON.stringify(value, null, 2) : text()}\n`);
}
