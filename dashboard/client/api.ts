import type { ApiErrorBody } from '../protocol.ts';

/** A refused request: the server's message, and the form field it names. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** Call a route of this server; a 4xx/5xx becomes an ApiError carrying the server's message. */
export async function api<T = unknown>(method: string, path: string, body?: unknown, raw?: string): Promise<T> {
  const init: RequestInit = { method, headers: {} };
  if (raw !== undefined) {
    init.body = raw;
    init.headers = { 'content-type': 'application/x-pem-file' };
  } else if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers = { 'content-type': 'application/json' };
  }
  let res: Response;
  try {
    res = await fetch(path, init);
  } catch (err) {
    throw new ApiError(`The lab did not answer: ${(err as Error).message}`, 0);
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let data: unknown;
  try {
    data = text === '' ? undefined : JSON.parse(text);
  } catch {
    data = { error: text };
  }
  if (!res.ok) {
    const e = (data ?? {}) as Partial<ApiErrorBody>;
    throw new ApiError(e.error ?? `${res.status} ${res.statusText}`, res.status, e.field);
  }
  return data as T;
}
