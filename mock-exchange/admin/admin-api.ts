import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { WebSocketServer } from 'ws';
import { type AdminGuard, httpRefusal, refuseUpgrade, sendRefusal, upgradeRefusal } from '../../sim/admin-guard.ts';
import { newAdminToken } from '../../sim/admin-token.ts';
import { refuseCrossOrigin } from '../../sim/cross-origin-guard.ts';
import { HostAllowList } from '../../sim/host-allow-list.ts';
import { jsonBody } from '../../sim/json-body.ts';
import { jsonErrorHandler, jsonNotFound } from '../../sim/json-errors.ts';
import type { MockExchange } from '../mock-exchange.ts';

/** A route group of the admin API; each file in mock-exchange/admin/ contributes one. */
export type AdminRoutes = (mock: MockExchange) => express.Router;

/** The admin API's routes under /api, as an express app (the lab dashboard mounts the same app). */
export function adminApp(mock: MockExchange, routes: AdminRoutes[]): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(refuseCrossOrigin);
  app.use(jsonBody('1mb'));
  for (const r of routes) app.use('/api', r(mock));
  app.use(jsonNotFound('No such admin endpoint'));
  app.use(jsonErrorHandler());
  return app;
}

/**
 * The organization's admin API: JSON over HTTP on 127.0.0.1, plus a WebSocket stream (/events) of
 * everything the organization records in its journal; both want the admin token and a Host naming this server.
 */
export class AdminApi {
  #server: Server | undefined;
  #wss: WebSocketServer | undefined;
  /** What every request must present (`Authorization: Bearer`). */
  readonly token: string;

  constructor(
    readonly mock: MockExchange,
    readonly routes: AdminRoutes[],
    token: string = newAdminToken(),
  ) {
    this.token = token;
  }

  get port(): number {
    return (this.#server?.address() as AddressInfo | null)?.port ?? 0;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(port = 0, host = '127.0.0.1'): Promise<number> {
    const guard: AdminGuard = { token: this.token, hosts: new HostAllowList(host) };
    const app = adminApp(this.mock, this.routes);
    const server = createServer((req, res) => {
      const refusal = httpRefusal(req, guard);
      if (refusal) sendRefusal(res, refusal);
      else app(req, res);
    });
    const wss = new WebSocketServer({ noServer: true });
    server.on('upgrade', (req, socket, head) => {
      if ((req.url ?? '').split('?')[0] !== '/events') {
        socket.destroy();
        return;
      }
      const refusal = upgradeRefusal(req, guard);
      if (refusal) refuseUpgrade(socket, refusal);
      else wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
    });
    const unsubscribe = this.mock.journal.subscribe((entry) => {
      // Every EWS request journals an entry: with nobody watching, it is not serialized.
      if (wss.clients.size === 0) return;
      const msg = JSON.stringify(entry);
      for (const client of wss.clients) if (client.readyState === client.OPEN) client.send(msg);
    });
    server.once('close', unsubscribe);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    this.#server = server;
    this.#wss = wss;
    return this.port;
  }

  async stop(): Promise<void> {
    const server = this.#server;
    if (!server) return;
    this.#server = undefined;
    for (const c of this.#wss?.clients ?? []) c.terminate();
    this.#wss?.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
