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
  /** Which probe the reachability test uses, and what its answer means for this host. */
  describeReachability(host: string, port: number, reachable: boolean): ReachabilityEvidence;
}

/** How the reachability test decided: its probe (ICMP echo in the lab, a TCP connect standalone) and why. */
export interface ReachabilityEvidence {
  probe: 'icmp' | 'tcp';
  detail: string;
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
    describeReachability: (host, _port, reachable) => {
      const entries = hosts.entriesFor(host);
      let detail = `ICMP echo to ${host} is answered`;
      if (!reachable && entries.length === 0) detail = `${host} does not resolve: nothing to ping`;
      else if (!reachable && entries.some((h) => h.up))
        detail = `ICMP echo to ${host} gets no answer: ICMP is blocked on the way, while TCP still connects (the SSL test is separate)`;
      else if (!reachable) detail = `ICMP echo to ${host} gets no answer: the host is down`;
      return { probe: 'icmp', detail };
    },
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
    // ICMP needs privileges the node does not have standalone: a TCP connect to the gateway port stands in.
    describeReachability: (host, port, reachable) => ({
      probe: 'tcp',
      detail: `TCP connect to ${host}:${port} (standing in for ICMP echo, which needs privileges) ${reachable ? 'succeeded' : 'failed'}`,
    }),
  };
}
