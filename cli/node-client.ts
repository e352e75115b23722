import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { NODE_STATE_FILE, resolveDataDir } from '../gateway/config/data-dir.ts';
import type { NodeStateFile } from '../gateway/imp-node.ts';
import { writePrivateFile } from '../sim/admin-token.ts';
import { callAdminApi } from './admin-api-client.ts';
import { liveAdminUrl } from './admin-tokens.ts';
import { CliError } from './cli-error.ts';

/** Where a node records its admin URL and token. */
export function nodeStateFile(dataDir?: string): string {
  return join(resolveDataDir(dataDir), NODE_STATE_FILE);
}

/** The admin URL of the node running on this data directory, if one is running (its token is remembered). */
export function runningNodeUrl(dataDir?: string): string | undefined {
  return liveAdminUrl(nodeStateFile(dataDir));
}

export function requireRunningNode(dataDir?: string): string {
  const url = runningNodeUrl(dataDir);
  if (!url) {
    throw new CliError(
      `no IM&P node is running on data directory ${resolveDataDir(dataDir)}; start one with "pgsim imp serve" (or "pgsim lab")`,
    );
  }
  return url;
}

/** Call the node's admin API; API errors become CLI errors carrying the API's message and code. */
export function callNode<T>(baseUrl: string, method: string, path: string, body?: unknown): Promise<T> {
  return callAdminApi<T>({ name: 'the IM&P node', showCode: true }, baseUrl, method, path, body);
}

/**
 * Record an in-memory node (the lab) in the data directory's state file so that commands such as
 * `pgsim client` and `pgsim user` reach it; returns how to forget it, or undefined when another live node
 * is recorded there already.
 */
export function recordInMemoryNode(adminUrl: string, token: string, dataDir?: string): (() => void) | undefined {
  if (runningNodeUrl(dataDir)) return undefined;
  const file = join(resolveDataDir(dataDir), NODE_STATE_FILE);
  const state: NodeStateFile = { pid: process.pid, adminUrl, token, startedAt: new Date().toISOString() };
  writePrivateFile(file, JSON.stringify(state, null, 2));
  return () => rmSync(file, { force: true });
}
