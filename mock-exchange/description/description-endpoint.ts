import type { IncomingMessage, ServerResponse } from 'node:http';
import { type HttpReply, NodeReply } from '../http/reply.ts';
import { routePath } from '../http/route-path.ts';
import type { ServiceDescription } from './service-description.ts';

export interface DescriptionEndpointOptions {
  description: ServiceDescription;
  /** This server's EWS URL, the WSDL port address. */
  ewsUrl: () => string;
  /** The same check as /EWS/Exchange.asmx: true when the request may proceed, else it has answered 401. */
  authorize: (req: IncomingMessage, res: HttpReply) => boolean;
}

const TYPES: Record<string, string> = { wsdl: 'text/xml; charset=utf-8', xsd: 'text/xml; charset=utf-8' };
const FILES = /^\/ews\/(services\.wsdl|messages\.xsd|types\.xsd)$/i;

/**
 * GET /EWS/Services.wsdl, /EWS/messages.xsd, /EWS/types.xsd (any letter case, as IIS serves them); false for
 * any other request (the listener's next route takes it).
 */
export function descriptionEndpoint(opts: DescriptionEndpointOptions) {
  return (req: IncomingMessage, raw: ServerResponse): boolean => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const path = routePath(req.url, false);
    if (!FILES.test(path)) return false;
    const res = new NodeReply(raw);
    if (!opts.authorize(req, res)) return true;
    const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
    const text = opts.description.file(name, opts.ewsUrl());
    if (text === undefined) {
      res.status(404).type('text/plain').send('Not found.');
      return true;
    }
    res
      .status(200)
      .type(TYPES[name.slice(name.lastIndexOf('.') + 1)] ?? 'text/xml')
      .send(text);
    return true;
  };
}
