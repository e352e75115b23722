import { existsSync, mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveDataDir } from '../gateway/config/data-dir.ts';
import type { MockExchange } from '../mock-exchange/mock-exchange.ts';
import { callAdminApi } from './admin-api-client.ts';
import { CliError } from './cli-error.ts';

/** What a running mock Exchange records in the data directory, so `pgsim exchange ...` can reach it. */
export const EXCHANGE_STATE_FILE = 'mock-exchange.json';

export interface ExchangeStateFile {
  pid: number;
  adminUrl: string;
  servers: { name: string; fqdn: string; ip: string; port: number }[];
}

/** Record a running organization's admin API address in the data directory; returns the file written. */
export function recordRunningExchange(mock: MockExchange, dataDir?: string): string | undefined {
  const adminUrl = mock.adminApi?.url;
  if (!adminUrl) return undefined;
  const dir = resolveDataDir(dataDir);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, EXCHANGE_STATE_FILE);
  const state: ExchangeStateFile = {
    pid: process.pid,
    adminUrl,
    servers: mock.readyInfo().servers.map(({ name, fqdn, ip, port }) => ({ name, fqdn, ip, port })),
  };
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  renameSync(tmp, file);
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
  if (opts.adminUrl) return opts.adminUrl.replace(/\/+$/, '');
  const dir = resolveDataDir(opts.dataDir);
  const file = join(dir, EXCHANGE_STATE_FILE);
  if (existsSync(file)) {
    try {
      const state = JSON.parse(readFileSync(file, 'utf8')) as ExchangeStateFile;
      process.kill(state.pid, 0);
      return state.adminUrl;
    } catch {
      // A record left by a process that is gone: treat as not running.
    }
  }
  throw new CliError(
    `no mock Exchange is running on data directory ${dir}; start one with "pgsim mock-exchange" (or "pgsim lab"), or pass --admin-url`,
  );
}

/** Call the organization's admin API; API errors become CLI errors carrying the API's message. */
export function callExchange<T>(baseUrl: string, method: string, path: string, body?: unknown): Promise<T> {
  return callAdminApi<T>({ name: 'the mock Exchange admin API' }, baseUrl, method, path, body);
}
