import { TOKEN_ENV, tokenFor } from './admin-tokens.ts';
import { CliError } from './cli-error.ts';

/** Which admin API a call goes to, as error messages name it. */
export interface AdminApiTarget {
  /** `the IM&P node`, `the mock Exchange admin API`. */
  name: string;
  /** Append the API's error code (`[UNKNOWN_USER]`) to the message. */
  showCode?: boolean;
}

/** Call an admin API under `${baseUrl}/api`; API errors become CLI errors carrying the API's message. */
export async function callAdminApi<T>(
  target: AdminApiTarget,
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  let res: Response;
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  const token = tokenFor(baseUrl);
  if (token) headers.authorization = `Bearer ${token}`;
  try {
    res = await fetch(`${baseUrl}/api${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (err) {
    throw new CliError(`cannot reach ${target.name} at ${baseUrl}: ${(err as Error).message}`);
  }
  const json = parseBody(await res.text()) as (T & { error?: string; code?: string }) | undefined;
  if (res.status === 401) {
    const why = token ? 'the token presented was refused' : 'no admin token was found';
    throw new CliError(
      `${target.name} at ${baseUrl} wants its admin token (${why}): run on the machine and data directory it records its state in, or pass --token or set ${TOKEN_ENV}`,
    );
  }
  if (!res.ok) {
    const code = target.showCode && json?.code ? ` [${json.code}]` : '';
    throw new CliError(`${json?.error ?? `HTTP ${res.status}`}${code}`);
  }
  return json as T;
}

/** An empty body (204) is undefined; a body that is not JSON reads as an empty object. */
function parseBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}
