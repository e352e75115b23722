import express from 'express';
import { EXCHANGE_RELEASE_FACTS, EXCHANGE_RELEASES, isExchangeRelease } from '../../ews/server-versions.ts';
import { authenticationSettings } from '../auth/auth-settings.ts';
import type { MockExchange } from '../mock-exchange.ts';
import { MockExchangeError } from '../mock-exchange-error.ts';
import type { ExchangeServer } from '../organization.ts';
import { defaultThrottling, serverThrottling } from '../throttling/server-throttling.ts';
import type { AdminRoutes } from './admin-api.ts';
import { jsonObject } from './request-body.ts';

function serverOf(mock: MockExchange, name: string): ExchangeServer {
  const server = mock.org.server(name);
  if (!server)
    throw MockExchangeError.at(
      'UNKNOWN_SERVER',
      'server',
      `unknown server "${name}"; known: ${[...mock.org.servers.keys()].join(', ')}`,
    );
  return server;
}

function profile(server: ExchangeServer) {
  return {
    server: server.name,
    version: server.version,
    serverVersionInfo: EXCHANGE_RELEASE_FACTS[server.version].serverVersionInfo,
    authentication: server.authentication,
    throttling: server.throttling,
  };
}

/**
 * What a server is and offers, switchable while it runs: its Exchange release, the authentication methods IIS
 * offers on /EWS, and its EWS throttling policy. New requests see a change at once; bad input changes nothing.
 */
export const serverProfileRoutes: AdminRoutes = (mock) => {
  const r = express.Router();
  r.get('/servers/:name/profile', async (req, res) => {
    res.json(profile(serverOf(mock, req.params.name)));
  });
  r.put('/servers/:name/authentication', async (req, res) => {
    const body = jsonObject(req);
    res.json(
      (() => {
        const server = serverOf(mock, req.params.name);
        server.authentication = authenticationSettings(body, 'authentication', server.authentication);
        mock.journal.record(
          'info',
          `server:${server.name}`,
          `authentication: ${server.authentication.methods.join(', ')} (${server.authentication.ntlm.join(', ')})`,
        );
        return profile(server);
      })(),
    );
  });
  r.put('/servers/:name/version', async (req, res) => {
    const body = jsonObject(req);
    res.json(
      (() => {
        const server = serverOf(mock, req.params.name);
        if (!isExchangeRelease(body.version)) {
          throw MockExchangeError.at(
            'INVALID_VALUE',
            'version',
            `"${String(body.version)}" is not one of ${EXCHANGE_RELEASES.join(', ')}`,
          );
        }
        // The release's default policy replaces the old release's; explicit values stay.
        const old = defaultThrottling(server.version);
        const explicit = Object.fromEntries(
          Object.entries(server.throttling).filter(([k, v]) => old[k as keyof typeof old] !== v),
        );
        server.throttling = serverThrottling(explicit, body.version, 'throttling');
        server.version = body.version;
        mock.journal.record('info', `server:${server.name}`, `Exchange ${server.version}`);
        return profile(server);
      })(),
    );
  });
  r.put('/servers/:name/throttling', async (req, res) => {
    const body = jsonObject(req);
    res.json(
      (() => {
        const server = serverOf(mock, req.params.name);
        server.throttling = serverThrottling(body, server.version, 'throttling', server.throttling);
        mock.journal.record('info', `server:${server.name}`, 'throttling policy changed', { ...server.throttling });
        return profile(server);
      })(),
    );
  });
  return r;
};
