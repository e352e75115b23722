import express, { type Request, type Response } from 'express';
import type { Clock } from '../../sim/clock.ts';
import type { Journal } from '../../sim/journal.ts';
import { wireText } from '../../sim/wire-text.ts';
import { authenticate } from '../basic-authentication.ts';
import type { ExchangeServer, Organization } from '../organization.ts';
import type { MailboxSettings } from './autodiscover-namespaces.ts';
import { parsePoxRequest, poxErrorXml, poxSettingsXml } from './pox-autodiscover.ts';
import { autodiscoverFaultXml, getUserSettingsResponseXml, parseGetUserSettings } from './soap-get-user-settings.ts';

export interface AutodiscoverOptions {
  org: Organization;
  server: ExchangeServer;
  clock: Clock;
  journal: Journal;
}

const XML_TYPE = 'text/xml; charset=utf-8';

/** Where a mailbox's EWS endpoint is now: its current home server, whichever server is asked. */
export function mailboxSettings(org: Organization, address: string): MailboxSettings | undefined {
  const mbx = org.mailbox(address);
  const server = mbx && org.server(mbx.homeServer);
  if (!mbx || !server) return undefined;
  const url = `https://${server.fqdn}:${server.port}/EWS/Exchange.asmx`;
  return {
    address: mbx.address,
    displayName: mbx.displayName,
    server: server.name,
    serverFqdn: server.fqdn,
    internalEwsUrl: url,
    externalEwsUrl: url,
  };
}

/** /autodiscover/autodiscover.xml (POX) and /autodiscover/autodiscover.svc (SOAP GetUserSettings) of one server. */
export function autodiscoverEndpoint(opts: AutodiscoverOptions): express.Router {
  const router = express.Router({ caseSensitive: false });
  const source = `autodiscover:${opts.server.name}`;
  const auth = (req: Request, res: Response, next: () => void) => {
    if (authenticate(opts.org, req.headers.authorization)) {
      next();
      return;
    }
    res
      .status(401)
      .setHeader('WWW-Authenticate', ['Negotiate', 'NTLM', `Basic realm="${opts.server.fqdn}"`])
      .type('html')
      .send('<html><body><h1>401 - Unauthorized: Access is denied due to invalid credentials.</h1></body></html>');
  };
  const body = express.text({ type: () => true, limit: '1mb', defaultCharset: 'utf-8' });

  router.get('/autodiscover/autodiscover.xml', auth, (_req, res) => {
    res
      .status(200)
      .type(XML_TYPE)
      .send(poxErrorXml(600, 'Invalid Request', opts.clock.date()));
  });
  router.post('/autodiscover/autodiscover.xml', auth, body, (req, res, next) => {
    parsePoxRequest(typeof req.body === 'string' ? req.body : '')
      .then((parsed) => {
        const settings = parsed.ok ? mailboxSettings(opts.org, parsed.address) : undefined;
        if (parsed.ok && settings) {
          res.status(200).type(XML_TYPE).send(poxSettingsXml(settings));
          opts.journal.record('debug', source, `POX settings for ${settings.address}: ${settings.server}`);
          return;
        }
        const error = parsed.ok ? { code: 500 as const, message: 'The e-mail address cannot be found.' } : parsed;
        res
          .status(200)
          .type(XML_TYPE)
          .send(poxErrorXml(error.code, error.message, opts.clock.date()));
        opts.journal.record('info', source, `POX error ${error.code}: ${wireText(error.message)}`);
      })
      .catch(next);
  });

  // ews-javascript-api probes the SOAP endpoint with a GET and reads these headers.
  router.get('/autodiscover/autodiscover.svc', (_req, res) => {
    res
      .status(200)
      .setHeader('X-SOAP-Enabled', 'True')
      .setHeader('X-WSSecurity-Enabled', 'True')
      .setHeader('X-OAuth-Enabled', 'False')
      .type('html')
      .send('<html><body><p>Autodiscover service.</p></body></html>');
  });
  router.post('/autodiscover/autodiscover.svc', auth, body, (req, res) => {
    parseGetUserSettings(typeof req.body === 'string' ? req.body : '').then(
      (request) => {
        res
          .status(200)
          .type(XML_TYPE)
          .send(getUserSettingsResponseXml(request, (a) => mailboxSettings(opts.org, a)));
        opts.journal.record('debug', source, `GetUserSettings for ${wireText(request.mailboxes.join(', '))}`);
      },
      (err: Error) => {
        res
          .status(500)
          .type(XML_TYPE)
          .send(autodiscoverFaultXml(`The request could not be read: ${err.message}`));
        opts.journal.record('info', source, `GetUserSettings refused: ${wireText(err.message)}`);
      },
    );
  });
  return router;
}
