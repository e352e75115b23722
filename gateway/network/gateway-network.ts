import { lookup as dnsLookup } from 'node:dns';
import { connect, isIP } from 'node:net';
import type { Clock } from '../../sim/clock.ts';
import type { HostsTable, LookupCallback } from '../../sim/network.ts';

export type LookupFunction = (hostname: string, options: object, callback: LookupCallback) => void;

/** How the gateway reaches Exchange: inside the lab (hosts table) or standalone (real DNS and TCP). */
export interface GatewayNetwork {
  readonly mode: 'lab' | 'standalone';
  readonly lookup: LookupFunction;
  /** The Exchange Reachability test: pingable or not. */
  reachable(host: string, port: number, timeoutMs: number, clock: Clock): Promise<boolean>;
}

/** Inside the lab: names resolve through the hosts table; a host that is down cannot be reached at all. */
export function labNetwork(hosts: HostsTable): GatewayNetwork {
  const lookup: LookupFunction = (hostname, options, callback) => {
    const entry = isIP(hostname) ? undefined : hosts.get(hostname);
    if (entry && !entry.up) {
      const err: NodeJS.ErrnoException = new Error(`connect EHOSTUNREACH ${hostname}: host is down`);
      err.code = 'EHOSTUNREACH';
      queueMicrotask(() => callback(err, ''));
      return;
    }
    hosts.lookup(hostname, options as never, callback);
  };
  return {
    mode: 'lab',
    lookup,
    // ICMP needs privileges; in the lab the hosts table is the network's answer.
    reachable: async (host) => hosts.isReachable(host),
  };
}

/** Against real hosts: system DNS, and a TCP connect to the gateway port within the timeout. */
export function standaloneNetwork(): GatewayNetwork {
  return {
    mode: 'standalone',
    lookup: dnsLookup as unknown as LookupFunction,
    reachable: (host, port, timeoutMs, clock) =>
      new Promise((resolve) => {
        const socket = connect({ host, port });
        const timer = clock.setTimeout(() => done(false), timeoutMs);
        function done(ok: boolean) {
          clock.clearTimeout(timer);
          socket.destroy();
          resolve(ok);
        }
        socket.once('connect', () => done(true));
        socket.once('error', () => done(false));
      }),
  };
}
