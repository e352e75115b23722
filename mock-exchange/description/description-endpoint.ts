import express from 'express';
import type { ServiceDescription } from './service-description.ts';

export interface DescriptionEndpointOptions {
  description: ServiceDescription;
  /** This server's EWS URL, the WSDL port address. */
  ewsUrl: () => string;
  /** The same check as /EWS/Exchange.asmx: true when the request may proceed, else it has answered 401. */
  authorize: (req: express.Request, res: express.Response) => boolean;
}

const TYPES: Record<string, string> = { wsdl: 'text/xml; charset=utf-8', xsd: 'text/xml; charset=utf-8' };

/** GET /EWS/Services.wsdl, /EWS/messages.xsd, /EWS/types.xsd (any letter case, as IIS serves them). */
export function descriptionEndpoint(opts: DescriptionEndpointOptions): express.Router {
  const router = express.Router({ caseSensitive: false });
  router.get(/^\/ews\/(services\.wsdl|messages\.xsd|types\.xsd)$/i, (req, res) => {
    if (!opts.authorize(req, res)) return;
    const name = req.path.slice(req.path.lastIndexOf('/') + 1).toLowerCase();
    const text = opts.description.file(name, opts.ewsUrl());
    if (text === undefined) {
      res.status(404).type('text/plain').send('Not found.');
      return;
    }
    res
      .status(200)
      .type(TYPES[name.slice(name.lastIndexOf('.') + 1)] ?? 'text/xml')
      .send(text);
  });
  return router;
}
