import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { crossOriginReason, refuseCrossOrigin } from '../../../sim/cross-origin-guard.ts';

const req = (method: string, headers: Record<string, string>) =>
  ({ method, headers: { host: '127.0.0.1:7070', ...headers } }) as unknown as IncomingMessage;

function run(method: string, headers: Record<string, string>) {
  const res = { statusCode: 200, headers: {} as Record<string, string>, body: '' };
  let passed = false;
  refuseCrossOrigin(
    req(method, headers),
    {
      set statusCode(v: number) {
        res.statusCode = v;
      },
      setHeader: (k: string, v: string) => {
        res.headers[k] = v;
      },
      end: (b: string) => {
        res.body = b;
      },
    } as unknown as ServerResponse,
    () => {
      passed = true;
    },
  );
  return { passed, ...res };
}

describe('cross-origin guard', () => {
  it('lets requests without browser origin headers through (CLI, curl, tests)', () => {
    expect(crossOriginReason(req('POST', {}))).toBeUndefined();
    expect(run('DELETE', {}).passed).toBe(true);
  });

  it('lets a page of the same origin change things', () => {
    expect(run('POST', { origin: 'http://127.0.0.1:7070', 'sec-fetch-site': 'same-origin' }).passed).toBe(true);
    expect(run('PATCH', { 'sec-fetch-site': 'none' }).passed).toBe(true);
  });

  it.each([
    [{ origin: 'http://evil.example' }, 'Origin'],
    [{ origin: 'http://127.0.0.1:7071' }, 'Origin'],
    [{ origin: 'null' }, 'Origin'],
    [{ origin: 'not a url' }, 'Origin'],
    [{ 'sec-fetch-site': 'cross-site' }, 'Sec-Fetch-Site'],
    [{ 'sec-fetch-site': 'same-site', origin: 'http://127.0.0.1:7070' }, 'Sec-Fetch-Site'],
  ])('refuses a mutating request with %o (403 naming %s)', (headers, named) => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      const r = run(method, headers);
      expect(r.passed).toBe(false);
      expect(r.statusCode).toBe(403);
      expect(JSON.parse(r.body)).toMatchObject({ code: 'CROSS_ORIGIN' });
      expect(JSON.parse(r.body).error).toContain(named);
    }
  });

  it('lets reads through whatever their origin: the guard is about changes', () => {
    expect(run('GET', { origin: 'http://evil.example', 'sec-fetch-site': 'cross-site' }).passed).toBe(true);
    expect(run('HEAD', { origin: 'http://evil.example' }).passed).toBe(true);
  });
});
