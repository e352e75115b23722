import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { resolveDataDir } from '../../gateway/config/data-dir.ts';
import { ImpConfig } from '../../gateway/config/imp-config.ts';
import { GatewayError } from '../../gateway/gateway-error.ts';
import { ImpNode } from '../../gateway/imp-node.ts';
import { labNetwork, standaloneNetwork } from '../../gateway/network/gateway-network.ts';
import { SystemClock } from '../../sim/clock.ts';
import { HostsTable } from '../../sim/network.ts';
import { CliError } from '../cli-error.ts';
import { runningNodeUrl } from '../node-client.ts';

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

export interface StatusOptions {
  dataDir?: string;
  json?: boolean;
  verbose?: boolean;
  hosts?: string;
}

/** Load a hosts table from a mock ready file (JSON) or an /etc/hosts-style file. */
export function loadHostsFile(file: string): HostsTable {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new CliError(`cannot read --hosts ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  const hosts = new HostsTable();
  try {
    if (text.trim().startsWith('{')) {
      const ready = JSON.parse(text) as { servers?: { fqdn: string; ip: string }[] };
      for (const s of ready.servers ?? []) hosts.add(s.fqdn, s.ip);
    } else {
      for (const [i, raw] of text.split('\n').entries()) {
        const line = raw.replace(/#.*/, '').trim();
        if (!line) continue;
        const [ip, ...names] = line.split(/\s+/);
        if (!ip || names.length === 0) throw new Error(`line ${i + 1}: expected "IP name [name...]"`);
        for (const n of names) hosts.add(n, ip);
      }
    }
  } catch (err) {
    throw new CliError(`${file}: ${(err as Error).message}`);
  }
  return hosts;
}

/** Ask the running node, or run the checks here against this data directory when none runs. */
export async function withNode<T>(
  opts: StatusOptions,
  remote: (url: string) => Promise<T>,
  local: (node: ImpNode) => Promise<T>,
): Promise<T> {
  const url = runningNodeUrl(opts.dataDir);
  if (url) return remote(url);
  const network = opts.hosts ? labNetwork(loadHostsFile(opts.hosts)) : standaloneNetwork();
  const node = new ImpNode({ dataDir: resolveDataDir(opts.dataDir), clock: new SystemClock(), network });
  try {
    return await local(node);
  } catch (err) {
    if (err instanceof GatewayError) throw new CliError(`${err.message} [${err.code}]`);
    throw err;
  } finally {
    await node.close();
  }
}
