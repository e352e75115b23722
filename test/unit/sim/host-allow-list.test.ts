import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { presentedToken, tokenMatches } from '../../../sim/admin-token.ts';
import { HostAllowList, hostName } from '../../../sim/host-allow-list.ts';

const req = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;

describe('Host allow-list (DNS rebinding) and the token a request presents', () => {
  it('reads the host name of a Host header: port, IPv6 brackets, case and a trailing dot dropped', () => {
    expect(hostName('LocalHost:8080')).toBe('localhost');
    expect(hostName('example.test.')).toBe('example.test');
    expect(hostName('[::1]:7070')).toBe('::1');
    expect(hostName('[::1]')).toBe('::1');
    expect(hostName('[::1')).toBeUndefined();
    expect(hostName('[::1]x')).toBeUndefined();
    expect(hostName(':80')).toBeUndefined();
    expect(hostName('a:b:c')).toBeUndefined();
  });

  it('answers to loopback, its bound address and the names given; nothing else', () => {
    const list = new HostAllowList('127.0.0.5', ['imp.example.test'], '');
    for (const h of ['127.0.0.1', 'localhost', '[::1]', '127.0.0.5', 'imp.example.test', 'IMP.example.test.'])
      expect(list.allows(hostName(h) ?? ''), h).toBe(true);
    for (const h of ['127.0.0.2', 'evil.example', 'imp.example.test.evil.example', '0.0.0.0'])
      expect(list.allows(hostName(h) ?? ''), h).toBe(false);
    expect(list.reason(req({ host: 'evil.example:80' }))).toBe(
      'this server does not answer to the host name "evil.example" (add it to PGSIM_ALLOWED_HOSTS if this server is meant to be reached by that name)',
    );
    expect(list.reason(req({ host: 'localhost:80' }))).toBeUndefined();
    // No Host at all: an HTTP/1.0 client, never a browser page.
    expect(list.reason(req({}))).toBeUndefined();
  });

  it('$PGSIM_ALLOWED_HOSTS adds names (a container service name); binding 0.0.0.0 adds this machine', () => {
    const list = new HostAllowList('0.0.0.0', [], ' imp , Exchange.Example ');
    expect(list.allows('imp')).toBe(true);
    expect(list.allows('exchange.example')).toBe(true);
    expect(list.allows('0.0.0.0')).toBe(true);
    expect(list.allows('evil.example')).toBe(false);
  });

  it('takes the token from "Authorization: Bearer", else from the named cookie only', () => {
    expect(presentedToken(req({ authorization: 'Bearer abc' }))).toBe('abc');
    expect(presentedToken(req({ authorization: 'bearer  abc ' }))).toBe('abc');
    expect(presentedToken(req({ authorization: 'Basic abc' }))).toBeUndefined();
    expect(presentedToken(req({ cookie: 'a=1; pgsim_token_7070=xyz' }))).toBeUndefined();
    expect(presentedToken(req({ cookie: 'a=1; pgsim_token_7070=xyz' }), 'pgsim_token_7070')).toBe('xyz');
    expect(presentedToken(req({ cookie: 'pgsim_token_7071=xyz' }), 'pgsim_token_7070')).toBeUndefined();
    expect(tokenMatches('abc', 'abc')).toBe(true);
    expect(tokenMatches('abc', 'abd')).toBe(false);
    expect(tokenMatches('abc', 'abcd')).toBe(false);
    expect(tokenMatches('abc', undefined)).toBe(false);
  });
});
