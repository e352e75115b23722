import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { WebSocketServer } from 'ws';
import { type AdminGuard, httpRefusal, refuseUpgrade, sendRefusal, upgradeRefusal } from '../sim/admin-guard.ts';
import { newAdminToken } from '../sim/admin-token.ts';
import { crossOriginReason, refuseCrossOrigin } from '../sim/cross-origin-guard.ts';
import { HostAllowList } from '../sim/host-allow-list.ts';
import { jsonBody } from '../sim/json-body.ts';
import { jsonErrorHandler, jsonNotFound } from '../sim/json-errors.ts';
import { certificateRoutes } from './admin-certificate-routes.ts';
import { directoryRoutes } from './admin-directory-routes.ts';
import { engineRoutes } from './admin-engine-routes.ts';
import { gatewayRoutes } from './admin-gateway-routes.ts';
import { logRoutes } from './admin-log-routes.ts';
import { statusRoutes } from './admin-status-routes.ts';
import { userRoutes } from './admin-user-routes.ts';
import type { ImpNode } from './imp-node.ts';
import { PresenceFeed } from './presence/presence-feed.ts';

/** The route groups of the admin API, each in its own file, all under /api. */
const ADMIN_ROUTES: ((node: ImpNode) => express.Router)[] = [
  statusRoutes,
  gatewayRoutes,
  certificateRoutes,
  engineRoutes,
  logRoutes,
  directoryRoutes,
  userRoutes,
];

/** The node's admin API on 127.0.0.1: JSON, plus a WebSocket stream of the debug log at /events. */
export function adminApp(node: ImpNode): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(refuseCrossOrigin);
  // Certificate uploads read their own body (PEM or DER).
  app.use(jsonBody('1mb', [/^\/api\/trust\//]));
  for (const routes of ADMIN_ROUTES) app.use('/api', routes(node));
  app.use(jsonNotFound('No such admin endpoint'));
  app.use(jsonErrorHandler((message) => node.journal.record('error', 'admin-api', `internal error: ${message}`)));
  return app;
}

export interface AdminServeOptions {
  /** The admin token (default: a new random one). */
  token?: string;
  /** Host names besides loopback and the bound address that the API answers to. */
  hostNames?: string[];
}

/**
 * Serve the admin API and the /events stream, both behind the admin token, and the presence feed (/presence,
 * whose users log in themselves); every request must name this server in Host. Resolves with the listening server.
 */
export async function serveAdminApi(
  node: ImpNode,
  port = 0,
  host = '127.0.0.1',
  options: AdminServeOptions = {},
): Promise<{ server: Server; url: string; presenceUrl: string; token: string; close(): Promise<void> }> {
  const guard: AdminGuard = {
    token: options.token ?? newAdminToken(),
    hosts: new HostAllowList(host, options.hostNames),
  };
  const app = adminApp(node);
  const server = createServer((req, res) => {
    const refusal = httpRefusal(req, guard);
    if (refusal) sendRefusal(res, refusal);
    else app(req, res);
  });
  const wss = new WebSocketServer({ noServer: true });
  const feed = new PresenceFeed(node.presence, node.config.users, node.journal);
  node.attachFeed(feed);
  server.on('upgrade', (req, socket, head) => {
    const path = (req.url ?? '').split('?')[0];
    if (path === '/events') {
      const refusal = upgradeRefusal(req, guard);
      if (refusal) refuseUpgrade(socket, refusal);
      else wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
    } else if (path === '/presence') {
      // The product's client protocol: users log in on the socket, but only from this server's name and pages.
      const hostReason = guard.hosts.reason(req);
      const originReason = crossOriginReason(req);
      if (hostReason)
        refuseUpgrade(socket, { status: 421, code: 'UNKNOWN_HOST', error: `Misdirected request: ${hostReason}` });
      else if (originReason)
        refuseUpgrade(socket, {
          status: 403,
          code: 'CROSS_ORIGIN',
          error: `Cross-origin WebSocket refused: ${originReason}`,
        });
      else feed.handleUpgrade(req, socket, head);
    } else socket.destroy();
  });
  const unsubscribe = node.journal.subscribe((entry) => {
    // The node journals every EWS call: with nobody watching, it is not serialized.
    if (wss.clients.size === 0) return;
    const msg = JSON.stringify(entry);
    for (const c of wss.clients) if (c.readyState === c.OPEN) c.send(msg);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const url = `http://${host}:${(server.address() as AddressInfo).port}`;
  return {
    server,
    url,
    token: guard.token,
    presenceUrl: `${url.replace('http:', 'ws:')}/presence`,
    async close() {
      unsubscribe();
      feed.close();
      for (const c of wss.clients) c.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}
