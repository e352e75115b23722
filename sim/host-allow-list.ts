import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import { hostname, networkInterfaces } from 'node:os';

/** Extra names every server accepts in Host, comma-separated (a container's service name, a LAN name). */
export const ALLOWED_HOSTS_ENV = 'PGSIM_ALLOWED_HOSTS';

const WILDCARDS = new Set(['0.0.0.0', '::', '']);

/** The host part of a Host header, lower case, without port, brackets or trailing dot; undefined when unreadable. */
export function hostName(header: string): string | undefined {
  const h = header.trim().toLowerCase();
  if (h.startsWith('[')) {
    const end = h.indexOf(']');
    if (end < 0) return undefined;
    const rest = h.slice(end + 1);
    if (rest !== '' && !/^:\d{1,5}$/.test(rest)) return undefined;
    return h.slice(1, end);
  }
  const name = /^([^:]+)(:\d{1,5})?$/.exec(h)?.[1];
  return name?.replace(/\.$/, '');
}

/**
 * The names a server answers to (DNS rebinding defence): loopback and its names, the address it binds,
 * the names given, and $PGSIM_ALLOWED_HOSTS; bound to every address, also this machine's name and addresses.
 */
export class HostAllowList {
  readonly #names = new Set<string>();

  constructor(
    bindHost = '127.0.0.1',
    names: Iterable<string> = [],
    env: string | undefined = process.env[ALLOWED_HOSTS_ENV],
  ) {
    for (const n of ['127.0.0.1', 'localhost', '::1', bindHost, ...names]) this.add(n);
    for (const n of (env ?? '').split(',')) this.add(n);
    if (WILDCARDS.has(bindHost)) {
      this.add(hostname());
      for (const list of Object.values(networkInterfaces()))
        for (const a of list ?? []) this.add(a.address.replace(/%.*$/, ''));
    }
  }

  add(name: string): void {
    const n = name
      .trim()
      .toLowerCase()
      .replace(/^\[|\]$/g, '')
      .replace(/\.$/, '');
    if (n !== '') this.#names.add(n);
  }

  allows(name: string): boolean {
    return this.#names.has(name);
  }

  /** Why a request's Host is refused, or undefined when it names this server (a request without Host is no browser's). */
  reason(req: IncomingMessage): string | undefined {
    const header = req.headers.host;
    if (header === undefined) return undefined;
    const name = hostName(header);
    if (name === undefined) return `the Host header "${header.slice(0, 100)}" is not a host name`;
    if (this.allows(name)) return undefined;
    const hint = isIP(name)
      ? ''
      : ` (add it to ${ALLOWED_HOSTS_ENV} if this server is meant to be reached by that name)`;
    return `this server does not answer to the host name "${name.slice(0, 100)}"${hint}`;
  }
}
