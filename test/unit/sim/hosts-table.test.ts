import type { LookupAddress } from 'node:dns';
import { describe, expect, it } from 'vitest';
import { HostsTable, isValidHostname } from '../../../sim/network.ts';

interface LookupResult {
  err: NodeJS.ErrnoException | null;
  address: string | LookupAddress[];
  family?: number;
}

function lookup(hosts: HostsTable, name: string, options?: { all?: boolean } | number): Promise<LookupResult> {
  return new Promise((resolve) => {
    const cb = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) =>
      resolve({ err, address, family });
    if (options === undefined) hosts.lookup(name, cb);
    else hosts.lookup(name, options as never, cb);
  });
}

function labHosts(): HostsTable {
  const hosts = new HostsTable();
  hosts.add('ex1.example.test', '127.0.10.1');
  hosts.add('ex2.example.test', '127.0.10.2');
  return hosts;
}

describe('HostsTable', () => {
  it('resolves a known name to its address with family 4 (callback form and options form)', async () => {
    const hosts = labHosts();
    expect(await lookup(hosts, 'ex1.example.test')).toEqual({ err: null, address: '127.0.10.1', family: 4 });
    expect(await lookup(hosts, 'ex2.example.test', { all: false })).toEqual({
      err: null,
      address: '127.0.10.2',
      family: 4,
    });
    expect(await lookup(hosts, 'ex2.example.test', 4)).toEqual({ err: null, address: '127.0.10.2', family: 4 });
  });

  it('answers {all: true} with a list of {address, family}, as net does with autoSelectFamily', async () => {
    const hosts = labHosts();
    const r = await lookup(hosts, 'ex1.example.test', { all: true });
    expect(r.err).toBeNull();
    expect(r.address).toEqual([{ address: '127.0.10.1', family: 4 }]);
  });

  it('answers asynchronously, never inside the lookup call', () => {
    const hosts = labHosts();
    let called = false;
    hosts.lookup('ex1.example.test', () => {
      called = true;
    });
    expect(called).toBe(false);
  });

  it('resolves IP literals to themselves, IPv4 and IPv6, without a table entry', async () => {
    const hosts = new HostsTable();
    expect(await lookup(hosts, '127.0.99.7')).toEqual({ err: null, address: '127.0.99.7', family: 4 });
    expect(await lookup(hosts, '::1', { all: true })).toEqual({
      err: null,
      address: [{ address: '::1', family: 6 }],
      family: undefined,
    });
  });

  it('fails unknown names with an ENOTFOUND error shaped like getaddrinfo, in both forms', async () => {
    const hosts = labHosts();
    const one = await lookup(hosts, 'ex3.example.test');
    expect(one.err?.code).toBe('ENOTFOUND');
    expect(one.err?.syscall).toBe('getaddrinfo');
    expect(one.err?.message).toBe('getaddrinfo ENOTFOUND ex3.example.test');
    expect((one.err as { hostname?: string }).hostname).toBe('ex3.example.test');
    const all = await lookup(hosts, 'nowhere.invalid', { all: true });
    expect(all.err?.code).toBe('ENOTFOUND');
    expect(all.address).toEqual([]);
  });

  it('matches names case-insensitively and ignores a trailing root dot', async () => {
    const hosts = new HostsTable();
    hosts.add('EX1.Example.TEST', '127.0.10.1');
    expect((await lookup(hosts, 'ex1.example.test')).address).toBe('127.0.10.1');
    expect((await lookup(hosts, 'Ex1.EXAMPLE.test.')).address).toBe('127.0.10.1');
    expect(hosts.get('EX1.EXAMPLE.TEST')?.fqdn).toBe('ex1.example.test');
    expect(hosts.list()).toEqual([{ fqdn: 'ex1.example.test', address: '127.0.10.1', up: true }]);
  });

  it('re-adding a name replaces its address; remove forgets it', async () => {
    const hosts = labHosts();
    hosts.add('ex1.example.test', '127.0.10.9');
    expect(hosts.resolve('ex1.example.test')).toBe('127.0.10.9');
    expect(hosts.remove('EX1.example.test')).toBe(true);
    expect(hosts.remove('ex1.example.test')).toBe(false);
    expect((await lookup(hosts, 'ex1.example.test')).err?.code).toBe('ENOTFOUND');
  });

  it('isReachable: a known name whose host is up; false when down, unknown, or after removal', () => {
    const hosts = labHosts();
    expect(hosts.isReachable('ex1.example.test')).toBe(true);
    hosts.setUp('EX1.example.test', false);
    expect(hosts.isReachable('ex1.example.test')).toBe(false);
    expect(hosts.get('ex1.example.test')?.up).toBe(false);
    expect(hosts.isReachable('ex2.example.test')).toBe(true);
    hosts.setUp('ex1.example.test', true);
    expect(hosts.isReachable('ex1.example.test')).toBe(true);
    expect(hosts.isReachable('unknown.example.test')).toBe(false);
    hosts.remove('ex2.example.test');
    expect(hosts.isReachable('ex2.example.test')).toBe(false);
  });

  it('isReachable for an IP literal follows the hosts at that address', () => {
    const hosts = labHosts();
    expect(hosts.isReachable('127.0.10.1')).toBe(true);
    hosts.setUp('ex1.example.test', false);
    expect(hosts.isReachable('127.0.10.1')).toBe(false);
    // Two names on one address: reachable while any of them is up.
    hosts.add('mail.example.test', '127.0.10.1');
    expect(hosts.isReachable('127.0.10.1')).toBe(true);
    // An address the lab does not know is outside the virtual network: nothing marks it down.
    expect(hosts.isReachable('127.0.99.1')).toBe(true);
  });

  it('a down host still resolves: DNS answers, the host does not (down is a reachability fact)', async () => {
    const hosts = labHosts();
    hosts.add('down.example.test', '127.0.10.3', false);
    expect(await lookup(hosts, 'down.example.test')).toEqual({ err: null, address: '127.0.10.3', family: 4 });
    expect(hosts.isReachable('down.example.test')).toBe(false);
  });

  it('setUp on an unknown host throws naming it', () => {
    expect(() => labHosts().setUp('ex9.example.test', false)).toThrow('HostsTable: unknown host "ex9.example.test"');
  });

  it.each([
    ['', 'empty'],
    ['bad_name.example.test', 'underscore'],
    ['-lead.example.test', 'leading hyphen'],
    ['trail-.example.test', 'trailing hyphen'],
    ['a..b', 'empty label'],
    [`${'a'.repeat(64)}.example.test`, '64-char label'],
    [`${'abcdefghi.'.repeat(25)}test`, '254 chars'],
    ['space here.test', 'space'],
  ])('rejects the host name %j (%s)', (name) => {
    expect(() => new HostsTable().add(name, '127.0.10.1')).toThrow(/HostsTable: ".*" is not a valid host name/);
  });

  it.each([
    ['', 'empty'],
    ['127.0.10', 'three octets'],
    ['127.0.10.256', 'octet out of range'],
    ['::1', 'IPv6'],
    ['localhost', 'a name'],
    ['127.0.10.1 ', 'trailing space'],
  ])('rejects the address %j (%s), naming the host', (address) => {
    expect(() => new HostsTable().add('ex1.example.test', address)).toThrow(
      /HostsTable: ".*" is not an IPv4 address \(host ex1.example.test\)/,
    );
  });

  it('isValidHostname accepts RFC 1123 names up to 253 characters', () => {
    expect(isValidHostname('ex1.example.test')).toBe(true);
    expect(isValidHostname('a')).toBe(true);
    expect(isValidHostname(`${'a'.repeat(63)}.test`)).toBe(true);
    expect(isValidHostname(`${'abcdefghi.'.repeat(24)}${'a'.repeat(13)}`)).toBe(true);
    expect(isValidHostname('1st-server.example.test')).toBe(true);
  });
});
