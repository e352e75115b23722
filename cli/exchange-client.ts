import { readFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { resolveDataDir } from '../gateway/config/data-dir.ts';
import type { MockExchange } from '../mock-exchange/mock-exchange.ts';
import { writePrivateFile } from '../sim/admin-token.ts';
import { callAdminApi } from './admin-api-client.ts';
import { liveAdminUrl } from './admin-tokens.ts';
import { CliError } from './cli-error.ts';

/** What a running mock Exchange records in the data directory, so `pgsim exchange ...` can reach it. */
export const EXCHANGE_STATE_FILE = 'mock-exchange.json';

export interface ExchangeStateFile {
  pid: number;
  adminUrl: string;
  /** The admin token: `Authorization: Bearer <token>`. */
  token: string;
  servers: { name: string; fqdn: string; ip: string; port: number }[];
}

/** Record a running organization's admin API address in the data directory; returns the file written. */
export function recordRunningExchange(mock: MockExchange, dataDir?: string): string | undefined {
  const api = mock.adminApi;
  if (!api) return undefined;
  const file = join(resolveDataDir(dataDir), EXCHANGE_STATE_FILE);
  const state: ExchangeStateFile = {
    pid: process.pid,
    adminUrl: api.url,
    token: api.token,
    servers: mock.readyInfo().servers.map(({ name, fqdn, ip, port }) => ({ name, fqdn, ip, port })),
  };
  writePrivateFile(file, `${JSON.stringify(state, null, 2)}\n`);
  return file;
}

/** Remove the record, if it is still this process's. */
export function forgetRunningExchange(file: string): void {
  try {
    const state = JSON.parse(readFileSync(file, 'utf8')) as ExchangeStateFile;
    if (state.pid === process.pid) unlinkSync(file);
  } catch {
    // Already gone, or replaced by another organization: nothing to do.
  }
}

export interface ExchangeTargetOptions {
  adminUrl?: string;
  dataDir?: string;
}

/** The admin API of the organization to act on: --admin-url, else the one recorded in the data directory. */
export function exchangeAdminUrl(opts: ExchangeTargetOptions): string {
  const dir = resolveDataDir(opts.dataDir);
  // The record names the token too, for --admin-url as well when it is the recorded address.
  const recorded = liveAdminUrl(join(dir, EXCHANGE_STATE_FILE));
  if (opts.adminUrl) return opts.adminUrl.replace(/\/+$/, '');
  if (recorded) return recorded;
  throw new CliError(
    `no mock Exchange is running on data directory ${dir}; start one with "pgsim mock-exchange" (or "pgsim lab"), or pass --admin-url`,
  );
}

/** Call the organization's admin API; API errors become CLI errors carrying the API's message. */
export function callExchange<T>(baseUrl: string, method: string, path: string, body?: unknown): Promise<T> {
  return callAdminApi<T>({ name: 'the mock Exchange admin API' }, baseUrl, method, path, body);
}
