import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { PlainRoute } from './ews-endpoint.ts';

type HostCheck = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/**
 * One server's request handler: the host check (421), then the plain routes (EWS, the service description) in
 * order, then the express app for the rest (Autodiscover, the 404 page).
 */
export function serverRequestHandler(
  hostCheck: HostCheck,
  routes: readonly PlainRoute[],
  rest: RequestListener,
): RequestListener {
  return (req, res) => {
    hostCheck(req, res, () => {
      for (const route of routes) if (route(req, res)) return;
      rest(req, res);
    });
  };
}
