import type { LookupAddress, LookupOptions } from 'node:dns';
import { isIP } from 'node:net';

export interface HostEntry {
  fqdn: string;
  address: string;
  up: boolean;
  /** A firewall drops ICMP to this host: ping gets no answer while TCP still connects. */
  icmpBlocked?: boolean;
}

export type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/** The lab's DNS: FQDN -> loopback address, each host up or down. Names are case-insensitive. */
export class HostsTable {
  readonly #hosts = new Map<string, HostEntry>();

  add(fqdn: string, address: string, up = true): HostEntry {
    const name = normalizeName(fqdn);
    if (!isValidHostname(name)) throw new TypeError(`HostsTable: "${fqdn}" is not a valid host name`);
    if (isIP(address) !== 4) throw new TypeError(`HostsTable: "${address}" is not an IPv4 address (host ${fqdn})`);
    const entry = { fqdn: name, address, up };
    this.#hosts.set(name, entry);
    return entry;
  }

  remove(fqdn: string): boolean {
    return this.#hosts.delete(normalizeName(fqdn));
  }

  get(fqdn: string): HostEntry | undefined {
    return this.#hosts.get(normalizeName(fqdn));
  }

  list(): HostEntry[] {
    return [...this.#hosts.values()].map((h) => ({ ...h }));
  }

  setUp(fqdn: string, up: boolean): void {
    const entry = this.get(fqdn);
    if (!entry) throw new Error(`HostsTable: unknown host "${fqdn}"`);
    entry.up = up;
  }

  /** The address a name resolves to; IP literals resolve to themselves; undefined when unknown. */
  resolve(name: string): string | undefined {
    if (isIP(name)) return name;
    return this.get(name)?.address;
  }

  /** Drop or let through ICMP to a host (the `icmp-blocked` network condition); TCP is untouched. */
  setIcmpBlocked(fqdn: string, blocked: boolean): void {
    const entry = this.get(fqdn);
    if (!entry) throw new Error(`HostsTable: unknown host "${fqdn}"`);
    entry.icmpBlocked = blocked;
  }

  /** The entries a name or IP literal stands for. */
  entriesFor(name: string): HostEntry[] {
    if (isIP(name)) return [...this.#hosts.values()].filter((h) => h.address === name);
    const entry = this.get(name);
    return entry ? [entry] : [];
  }

  /** Reachability as the lab's ping sees it: the name resolves, the host is up and ICMP is not dropped. */
  isReachable(name: string): boolean {
    const entries = this.entriesFor(name);
    if (isIP(name) && entries.length === 0) return true;
    return entries.some((h) => h.up && !h.icmpBlocked);
  }

  /** A dns.lookup replacement for net/tls/https `lookup` options. Unknown names fail with ENOTFOUND. */
  readonly lookup = (hostname: string, options: LookupOptions | number | LookupCallback, cb?: LookupCallback): void => {
    const callback = (typeof options === 'function' ? options : cb) as LookupCallback;
    const all = typeof options === 'object' && options !== null && options.all === true;
    const address = this.resolve(hostname);
    queueMicrotask(() => {
      if (!address) {
        const err: NodeJS.ErrnoException = new Error(`getaddrinfo ENOTFOUND ${hostname}`);
        err.code = 'ENOTFOUND';
        err.syscall = 'getaddrinfo';
        (err as NodeJS.ErrnoException & { hostname?: string }).hostname = hostname;
        callback(err, all ? [] : '', undefined);
        return;
      }
      const family = isIP(address);
      if (all) callback(null, [{ address, family }]);
      else callback(null, address, family);
    });
  };
}

function normalizeName(name: string): string {
  return name.trim().toLowerCase().replace(/\.$/, '');
}

/** RFC 1123 host name: labels of letters, digits and hyphens, 1-63 chars, total <= 253. */
export function isValidHostname(name: string): boolean {
  if (name.length === 0 || name.length > 253) return false;
  return name.split('.').every((label) => /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i.test(label));
}
