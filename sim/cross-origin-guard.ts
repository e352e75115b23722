import type { IncomingMessage, ServerResponse } from 'node:http';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Why a request must be refused as cross-site, or undefined when it may proceed. Browsers label every
 * request with Sec-Fetch-Site and/or Origin; a page on another origin cannot hide either. Requests
 * without them (curl, the pgsim CLI, tests) are not from a browser page and pass.
 */
export function crossOriginReason(req: IncomingMessage): string | undefined {
  const site = req.headers['sec-fetch-site'];
  if (typeof site === 'string' && site !== 'same-origin' && site !== 'none') {
    return `a ${site} request (Sec-Fetch-Site) may not change anything here`;
  }
  const origin = req.headers.origin;
  if (origin === undefined) return undefined;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return `the Origin "${origin}" is not this server`;
  }
  if (host === '' || host !== req.headers.host) return `the Origin "${origin}" is not this server`;
  return undefined;
}

/** Connect/express middleware: mutating requests from another origin get 403 and change nothing. */
export function refuseCrossOrigin(req: IncomingMessage, res: ServerResponse, next: () => void): void {
  const reason = SAFE_METHODS.has(req.method ?? 'GET') ? undefined : crossOriginReason(req);
  if (!reason) {
    next();
    return;
  }
  res.statusCode = 403;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify({ error: `Cross-origin request refused: ${reason}`, code: 'CROSS_ORIGIN' }));
}
