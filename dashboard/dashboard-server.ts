import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Request } from 'express';
import type { LiveLab } from '../lab/live-lab.ts';
import { type AdminGuard, refuseUpgrade, upgradeRefusal } from '../sim/admin-guard.ts';
import { refuseCrossOrigin } from '../sim/cross-origin-guard.ts';
import { HostAllowList } from '../sim/host-allow-list.ts';
import { jsonBody } from '../sim/json-body.ts';
import { jsonErrorHandler, jsonNotFound } from '../sim/json-errors.ts';
import { clientAssets } from './client-bundle.ts';
import { dashboardLogin, TOKEN_PARAM } from './dashboard-login.ts';
import { LabHost } from './lab-host.ts';
import { LiveHub } from './live-hub.ts';
import { clockRoutes } from './routes/clock-routes.ts';
import { exchangeViewRoutes } from './routes/exchange-view-routes.ts';
import { meetingRoutes } from './routes/meeting-routes.ts';
import { scenarioRoutes } from './routes/scenario-routes.ts';
import { statusRoutes } from './routes/status-routes.ts';
import { ScenarioCatalog } from './scenario-catalog.ts';
import { ScenarioPlayer } from './scenario-player.ts';

export interface DashboardOptions {
  /** Address to bind (default 127.0.0.1: the dashboard changes the lab, so it is not offered to the network). */
  host?: string;
  /** Port (0 = any free port). */
  port?: number;
  /** Host names besides loopback and the bound address that the dashboard answers to. */
  hostNames?: string[];
  /** Scenario files offered besides the catalog. */
  scenarioFiles?: string[];
}

/** Only everything from here: scripts, styles, the /live socket and the APIs. */
const CSP = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; base-uri 'none'";

/** Requests whose success means the lab changed (pages reload; the status area is checked again). */
const isChange = (req: Request) =>
  !['GET', 'HEAD', 'OPTIONS'].includes(req.method) && !/^\/api\/(clock|status|scenario)/.test(req.originalUrl);

/**
 * The trainer dashboard: the page, the IM&P and Exchange admin APIs of the lab on show (mounted at /imp
 * and /exchange, so the page uses the routes the CLI uses), the dashboard's own /api, and /live.
 */
export class Dashboard {
  private constructor(
    readonly server: Server,
    readonly url: string,
    /** `url` with the lab's token: the first visit sets the dashboard's cookie and redirects to `url`. */
    readonly loginUrl: string,
    readonly host: LabHost,
    readonly hub: LiveHub,
    readonly player: ScenarioPlayer,
  ) {}

  static async start(live: LiveLab, options: DashboardOptions = {}): Promise<Dashboard> {
    const assets = await clientAssets();
    const host = new LabHost({ kind: 'live', title: 'Live lab', ...live });
    const player = new ScenarioPlayer(new ScenarioCatalog(options.scenarioFiles), host);
    const hub = new LiveHub(() => player.state());
    host.on('switch', (ctx) => {
      hub.attach(ctx);
      ctx.status.refresh();
    });
    host.on('status', (status) => hub.send({ type: 'status', status }));
    player.on('state', (p) => hub.send({ type: 'player', player: p }));
    player.on('step', () => hub.changed());
    hub.attach(host.current);
    host.current.status.refresh();

    const app = express();
    app.disable('x-powered-by');
    app.use((_req, res, next) => {
      res.setHeader('Content-Security-Policy', CSP);
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader('Cache-Control', 'no-store');
      next();
    });
    const bind = options.host ?? '127.0.0.1';
    const guard: AdminGuard = {
      token: live.lab.token,
      hosts: new HostAllowList(bind, options.hostNames),
      cookie: true,
      tokenHint: 'open the dashboard address the lab printed, with ?token=',
    };
    // Cross-site changes first (their refusal says why); then the Host and the token (cookie or Bearer).
    app.use(refuseCrossOrigin);
    app.use(dashboardLogin(guard));
    app.use((req, res, next) => {
      if (isChange(req)) res.once('finish', () => res.statusCode < 400 && hub.changed());
      next();
    });
    app.get('/', (_req, res) => {
      res.type('html').send(assets.html);
    });
    app.get('/dashboard.js', (_req, res) => {
      res.type('text/javascript').send(assets.js);
    });
    app.get('/dashboard.css', (_req, res) => {
      res.type('text/css').send(assets.css);
    });
    app.use('/imp', (req, res, next) => host.current.impApp(req, res, next));
    app.use('/exchange', (req, res, next) => host.current.exchangeApp(req, res, next));
    const api = express.Router();
    api.use(jsonBody('256kb'));
    api.use(clockRoutes(host));
    api.use(statusRoutes(host));
    api.use(meetingRoutes(host));
    api.use(exchangeViewRoutes(host));
    api.use(scenarioRoutes(player));
    app.use('/api', api);
    app.use(jsonNotFound('Not found'));
    app.use(jsonErrorHandler());

    const server = createServer(app);
    server.on('upgrade', (req, socket, head) => {
      if ((req.url ?? '').split('?')[0] !== '/live') {
        socket.destroy();
        return;
      }
      const refusal = upgradeRefusal(req, guard);
      if (refusal) refuseUpgrade(socket, refusal);
      else hub.handleUpgrade(req, socket, head);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, bind, () => resolve());
    });
    const port = (server.address() as AddressInfo).port;
    const url = `http://${bind.includes(':') ? `[${bind}]` : bind}:${port}/`;
    const loginUrl = `${url}?${TOKEN_PARAM}=${encodeURIComponent(guard.token)}`;
    return new Dashboard(server, url, loginUrl, host, hub, player);
  }

  async close(): Promise<void> {
    await this.player.close();
    this.hub.close();
    this.host.current.dispose();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
