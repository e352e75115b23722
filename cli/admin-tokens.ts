import { existsSync, readFileSync } from 'node:fs';

/** The environment variable that carries an admin token to the CLI (a node or organization on another machine). */
export const TOKEN_ENV = 'PGSIM_TOKEN';

/** Tokens read from the data directory's state files, by the admin URL they belong to. */
const recorded = new Map<string, string>();
let given: string | undefined;

/** `--token`: wins over everything recorded. */
export function giveToken(token: string | undefined): void {
  given = token === '' ? undefined : token;
}

/** A state file named this URL's token. */
export function recordToken(adminUrl: string, token: string | undefined): void {
  if (token) recorded.set(adminUrl.replace(/\/+$/, ''), token);
}

/** The token to present to an admin API: --token, else the state file's, else $PGSIM_TOKEN. */
export function tokenFor(adminUrl: string): string | undefined {
  return given ?? recorded.get(adminUrl.replace(/\/+$/, '')) ?? (process.env[TOKEN_ENV] || undefined);
}

/**
 * The admin URL a live process recorded in its state file (pid, adminUrl, token), remembering its token; undefined
 * when there is no file, it cannot be read, or the process that wrote it is gone.
 */
export function liveAdminUrl(file: string): string | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const state = JSON.parse(readFileSync(file, 'utf8')) as { pid: number; adminUrl: string; token?: string };
    process.kill(state.pid, 0);
    recordToken(state.adminUrl, state.token);
    return state.adminUrl;
  } catch {
    return undefined;
  }
}
