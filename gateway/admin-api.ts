import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type NextFunction, type Request, type Response } from 'express';
import { WebSocketServer } from 'ws';
import { refuseCrossOrigin } from '../sim/cross-origin-guard.ts';
import { directoryRoutes } from './admin-directory-routes.ts';
import { userRoutes } from './admin-user-routes.ts';
import { commonName } from './certificates/parse-certificates.ts';
import { requireStore } from './certificates/trust-store.ts';
import { GatewayError } from './gateway-error.ts';
import type { ImpNode } from './imp-node.ts';
import { PresenceFeed } from './presence/presence-feed.ts';
import { REACHABILITY_HELP, SSL_HELP } from './status/status-labels.ts';

const STATUS_FOR: Partial<Record<GatewayError['code'], number>> = {
  UNKNOWN_GATEWAY: 404,
  UNKNOWN_USER: 404,
  UNKNOWN_CERTIFICATE: 404,
  UNKNOWN_STORE: 404,
  DUPLICATE_GATEWAY: 409,
  DUPLICATE_CERTIFICATE: 409,
  ENGINE_STATE: 409,
};

/** The node's admin API on 127.0.0.1: JSON, plus a WebSocket stream of the debug log at /events. */
export function adminApp(node: ImpNode): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(refuseCrossOrigin);
  app.use(express.json({ limit: '1mb' }));
  const api = express.Router();
  const wrap = (fn: (req: Request, res: Response) => unknown) => (req: Request, res: Response, next: NextFunction) => {
    Promise.resolve()
      .then(() => fn(req, res))
      .catch(next);
  };
  const restartNote = () => (node.engine.restartRequired() ? 'Presence Engine restart required' : undefined);

  api.get(
    '/status',
    wrap(async (_req, res) => {
      const area = await node.status();
      res.json({
        ...area,
        notice: area.restartRequired ? 'Presence Engine restart required' : undefined,
        rows: area.rows.map((r) => ({
          ...r,
          help: { reachability: REACHABILITY_HELP[r.reachability], ssl: SSL_HELP[r.ssl] },
        })),
      });
    }),
  );
  api.get('/gateways', (_req, res) => {
    res.json({
      gateways: node.config.gateways.list(),
      accountName: node.config.gateways.account()?.accountName ?? null,
      authMethod: node.config.gateways.account()?.authMethod ?? null,
      notice: restartNote(),
    });
  });
  api.post(
    '/gateways',
    wrap((req, res) => {
      const body = (req.body ?? {}) as Record<string, unknown>;
      const gw = node.config.db.transaction(() => {
        if (body.accountName !== undefined)
          node.config.gateways.setAccount(
            String(body.accountName),
            String(body.accountPassword ?? ''),
            body.authMethod,
          );
        return node.addGateway({
          host: body.host as string,
          port: body.port as number | undefined,
          description: body.description as string | undefined,
        });
      });
      res.status(201).json({ gateway: gw, notice: restartNote() });
    }),
  );
  api.patch(
    '/gateways/:ref',
    wrap((req, res) => {
      const body = (req.body ?? {}) as Record<string, unknown>;
      const gw = node.config.gateways.update(String(req.params.ref), {
        host: body.host as string | undefined,
        port: body.port as number | undefined,
        description: body.description as string | undefined,
      });
      res.json({ gateway: gw, notice: restartNote() });
    }),
  );
  api.delete(
    '/gateways/:ref',
    wrap((req, res) => {
      res.json({ gateway: node.config.gateways.delete(String(req.params.ref)), notice: restartNote() });
    }),
  );
  api.put(
    '/account',
    wrap((req, res) => {
      const body = (req.body ?? {}) as Record<string, unknown>;
      node.config.gateways.setAccount(body.accountName as string, body.accountPassword as string, body.authMethod);
      const account = node.config.gateways.account();
      res.json({ accountName: account?.accountName, authMethod: account?.authMethod, notice: restartNote() });
    }),
  );
  api.get(
    '/viewer/:ref',
    wrap(async (req, res) => {
      const v = await node.viewer(String(req.params.ref));
      res.json({
        ...v,
        acceptable: v.acceptable.map((c) => ({ subjectCN: commonName(c.subject), fingerprint: c.fingerprint256 })),
      });
    }),
  );
  api.post(
    '/viewer/:ref/accept',
    wrap(async (req, res) => {
      res.json({ added: await node.acceptChain(String(req.params.ref)), notice: restartNote() });
    }),
  );
  api.get(
    '/trust/:store',
    wrap((req, res) => {
      res.json({ certificates: node.config.trust.list(requireStore(String(req.params.store))) });
    }),
  );
  api.post(
    '/trust/:store',
    express.raw({ type: () => true, limit: '5mb' }),
    wrap((req, res) => {
      const filename = typeof req.query.filename === 'string' ? req.query.filename : 'upload.pem';
      const data = Buffer.isBuffer(req.body) ? req.body : Buffer.from(typeof req.body === 'string' ? req.body : '');
      res.status(201).json({
        added: node.uploadTrust(requireStore(String(req.params.store)), filename, data),
        notice: restartNote(),
      });
    }),
  );
  api.delete(
    '/trust/:store/:ref',
    wrap((req, res) => {
      res.json({
        deleted: node.config.trust.delete(requireStore(String(req.params.store)), String(req.params.ref)),
        notice: restartNote(),
      });
    }),
  );
  api.get('/parameters', (_req, res) => {
    res.json({ parameters: node.config.parameters.get() });
  });
  api.patch(
    '/parameters',
    wrap((req, res) => {
      res.json({
        parameters: node.config.parameters.set((req.body ?? {}) as Record<string, unknown>),
        notice: restartNote(),
      });
    }),
  );
  api.get('/engine', (_req, res) => {
    res.json({
      state: node.engine.state,
      restartRequired: node.engine.restartRequired(),
      startedAt: node.engine.snapshot?.startedAt,
    });
  });
  for (const action of ['start', 'stop', 'restart'] as const) {
    api.post(
      `/engine/${action}`,
      wrap(async (_req, res) => {
        await node.engine[action]();
        res.json({ state: node.engine.state, restartRequired: node.engine.restartRequired() });
      }),
    );
  }
  api.get('/logs', (req, res) => {
    const since = Number(req.query.since ?? 0);
    res.json({ entries: node.journal.entries({ since: Number.isFinite(since) ? since : 0 }) });
  });

  app.use('/api', api);
  app.use('/api', directoryRoutes(node));
  app.use('/api', userRoutes(node));
  app.use((_req, res) => {
    res.status(404).json({ error: 'No such admin endpoint' });
  });
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (err instanceof GatewayError) {
      res.status(STATUS_FOR[err.code] ?? 400).json({ error: err.message, code: err.code, field: err.field });
      return;
    }
    const e = err as { type?: string; message?: string };
    if (e.type === 'entity.parse.failed') {
      res.status(400).json({ error: `Request body is not valid JSON: ${e.message}`, code: 'INVALID_VALUE' });
      return;
    }
    node.journal.record('error', 'admin-api', `internal error: ${e.message ?? String(err)}`);
    res.status(500).json({ error: e.message ?? String(err) });
  });
  return app;
}

/** Serve the admin API and the /events stream; resolves with the listening server. */
export async function serveAdminApi(
  node: ImpNode,
  port = 0,
  host = '127.0.0.1',
): Promise<{ server: Server; url: string; presenceUrl: string; close(): Promise<void> }> {
  const server = createServer(adminApp(node));
  const wss = new WebSocketServer({ noServer: true });
  const feed = new PresenceFeed(node.presence, node.config.users, node.journal);
  node.attachFeed(feed);
  server.on('upgrade', (req, socket, head) => {
    const path = (req.url ?? '').split('?')[0];
    if (path === '/events') wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
    else if (path === '/presence') feed.handleUpgrade(req, socket, head);
    else socket.destroy();
  });
  const unsubscribe = node.journal.subscribe((entry) => {
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
