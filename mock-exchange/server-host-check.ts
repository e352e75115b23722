import type { IncomingMessage, ServerResponse } from 'node:http';
import { HostAllowList, hostName } from '../sim/host-allow-list.ts';
import type { HostsTable } from '../sim/network.ts';

/** What a server is called: its FQDN and address, fixed at start. */
export interface NamedServer {
  fqdn: string;
  ip: string;
}

/**
 * Middleware: a server answers to any name that names it (its FQDN, its address, a hosts-table name resolving to
 * its address, loopback, $PGSIM_ALLOWED_HOSTS); another Host gets 421 (a page whose name was rebound here).
 */
export function serverHostCheck(server: NamedServer, hosts: HostsTable) {
  const fixed = new HostAllowList(server.ip, [server.fqdn]);
  return (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    const header = req.headers.host;
    const name = header === undefined ? undefined : hostName(header);
    if (header === undefined || (name !== undefined && (fixed.allows(name) || hosts.resolve(name) === server.ip))) {
      next();
      return;
    }
    res.statusCode = 421;
    res.setHeader('content-type', 'text/plain; charset=utf-8');
    res.setHeader('connection', 'close');
    res.end(
      `Misdirected Request: ${server.fqdn} does not answer to the host name "${String(name ?? header).slice(0, 100)}"\n`,
    );
  };
}
