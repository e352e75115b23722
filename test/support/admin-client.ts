import type { MockExchange } from '../../mock-exchange/mock-exchange.ts';

export interface AdminReply<T = unknown> {
  status: number;
  body: T;
}

/** Call the running organization's admin API over HTTP, as the lab and the CLI do. */
export async function admin<T = unknown>(
  mock: MockExchange,
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<AdminReply<T>> {
  if (!mock.adminApi) throw new Error('The mock runs without an admin API');
  const res = await fetch(`${mock.adminApi.url}/api${path}`, {
    method,
    headers: {
      authorization: `Bearer ${mock.adminApi.token}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}
