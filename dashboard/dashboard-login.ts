import type { IncomingMessage, ServerResponse } from 'node:http';
import { type AdminGuard, httpRefusal, sendRefusal } from '../sim/admin-guard.ts';
import { tokenCookieName, tokenMatches } from '../sim/admin-token.ts';

/** How a trainer's browser gets in: the lab prints `<dashboard>/?token=...`; the cookie carries it from then on. */
export const TOKEN_PARAM = 'token';

/**
 * Middleware: a visit with `?token=` that matches sets an HttpOnly, SameSite=Strict cookie for this origin and
 * redirects to the same address without the token (it leaves the address bar and the history); every other
 * request needs the cookie or `Authorization: Bearer`, from a Host this dashboard answers to.
 */
export function dashboardLogin(guard: AdminGuard) {
  return (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    const url = new URL(req.url ?? '/', 'http://dashboard');
    const given = url.searchParams.get(TOKEN_PARAM);
    if (given !== null && (req.method === 'GET' || req.method === 'HEAD') && !guard.hosts.reason(req)) {
      if (!tokenMatches(guard.token, given)) {
        sendRefusal(res, {
          status: 401,
          code: 'UNAUTHORIZED',
          error: 'This dashboard link carries a wrong token: open the address the lab printed when it started',
        });
        return;
      }
      url.searchParams.delete(TOKEN_PARAM);
      const cookie = tokenCookieName(req.socket.localPort ?? 0);
      res.statusCode = 303;
      res.setHeader('set-cookie', `${cookie}=${guard.token}; Path=/; HttpOnly; SameSite=Strict`);
      res.setHeader('location', `${url.pathname}${url.search}`);
      res.end();
      return;
    }
    const refusal = httpRefusal(req, guard);
    if (refusal) sendRefusal(res, refusal);
    else next();
  };
}
