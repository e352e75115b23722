import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { presentedToken, tokenCookieName, tokenMatches } from './admin-token.ts';
import { crossOriginReason } from './cross-origin-guard.ts';
import type { HostAllowList } from './host-allow-list.ts';

/** What guards an admin server: its token, the names it answers to, and whether the dashboard's cookie counts. */
export interface AdminGuard {
  token: string;
  hosts: HostAllowList;
  /** Accept the token from the dashboard's cookie as well as from `Authorization: Bearer`. */
  cookie?: boolean;
  /** Where an operator finds the token, for the 401 message. */
  tokenHint?: string;
}

export interface Refusal {
  status: 401 | 403 | 421;
  code: 'UNAUTHORIZED' | 'CROSS_ORIGIN' | 'UNKNOWN_HOST';
  error: string;
}

const DEFAULT_HINT = 'the "token" of the data directory\'s state file or of the ready file';

/** Why an HTTP request must be refused (unknown Host, no token), or undefined when it may proceed. */
export function httpRefusal(req: IncomingMessage, guard: AdminGuard): Refusal | undefined {
  const host = guard.hosts.reason(req);
  if (host) return { status: 421, code: 'UNKNOWN_HOST', error: `Misdirected request: ${host}` };
  const cookie = guard.cookie ? tokenCookieName(req.socket.localPort ?? 0) : undefined;
  if (tokenMatches(guard.token, presentedToken(req, cookie))) return undefined;
  return {
    status: 401,
    code: 'UNAUTHORIZED',
    error: `Admin token required: send "Authorization: Bearer <token>" (${guard.tokenHint ?? DEFAULT_HINT})`,
  };
}

/** Why a WebSocket upgrade must be refused: as HTTP, and besides only from this server's own pages (or no browser). */
export function upgradeRefusal(req: IncomingMessage, guard: AdminGuard): Refusal | undefined {
  const host = guard.hosts.reason(req);
  if (host) return { status: 421, code: 'UNKNOWN_HOST', error: `Misdirected request: ${host}` };
  const origin = crossOriginReason(req);
  if (origin) return { status: 403, code: 'CROSS_ORIGIN', error: `Cross-origin WebSocket refused: ${origin}` };
  return httpRefusal(req, guard);
}

/** Answer a refusal as JSON. */
export function sendRefusal(res: ServerResponse, r: Refusal): void {
  res.statusCode = r.status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  if (r.status === 401) res.setHeader('www-authenticate', 'Bearer realm="pgsim"');
  res.end(JSON.stringify({ error: r.error, code: r.code }));
}

/** Answer a refused upgrade on the raw socket (no WebSocket is made) and close it. */
export function refuseUpgrade(socket: Duplex, r: Refusal): void {
  const body = JSON.stringify({ error: r.error, code: r.code });
  const reason = { 401: 'Unauthorized', 403: 'Forbidden', 421: 'Misdirected Request' }[r.status];
  const auth = r.status === 401 ? 'WWW-Authenticate: Bearer realm="pgsim"\r\n' : '';
  socket.end(
    `HTTP/1.1 ${r.status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\n${auth}Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/** Connect/express middleware: every request presents the token from a host this server answers to. */
export function requireAdmin(guard: AdminGuard) {
  return (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    const r = httpRefusal(req, guard);
    if (r) sendRefusal(res, r);
    else next();
  };
}

/** Middleware for a server whose routes are open to any client but not to other host names (the presence feed's). */
export function requireKnownHost(hosts: HostAllowList) {
  return (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    const reason = hosts.reason(req);
    if (reason) sendRefusal(res, { status: 421, code: 'UNKNOWN_HOST', error: `Misdirected request: ${reason}` });
    else next();
  };
}
