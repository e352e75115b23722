import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { WebSocketServer } from 'ws';
import { refuseCrossOrigin } from '../../sim/cross-origin-guard.ts';
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
 * everything the organization records in its journal.
 */
export class AdminApi {
  #server: Server | undefined;
  #wss: WebSocketServer | undefined;

  constructor(
    readonly mock: MockExchange,
    readonly routes: AdminRoutes[],
  ) {}

  get port(): number {
    return (this.#server?.address() as AddressInfo | null)?.port ?? 0;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(port = 0, host = '127.0.0.1'): Promise<number> {
    const server = createServer(adminApp(this.mock, this.routes));
    const wss = new WebSocketServer({ server, path: '/events' });
    const unsubscribe = this.mock.journal.subscribe((entry) => {
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
