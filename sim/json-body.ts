import express, { type RequestHandler } from 'express';
import type { ErrorBody } from './json-errors.ts';

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/** Whether a request carries a body at all (a length, or chunks on the way). */
function hasBody(req: { headers: Record<string, string | string[] | undefined> }): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/**
 * The JSON body every admin API reads: a body that is not declared JSON is 415 (except on `rawPaths`,
 * uploads that read their own), one over `limit` 413, a bad charset or content-encoding 415, bad JSON 400.
 */
export function jsonBody(limit: string, rawPaths: readonly RegExp[] = []): RequestHandler[] {
  const requireJson: RequestHandler = (req, res, next) => {
    if (!hasBody(req) || rawPaths.some((p) => p.test(req.path))) return next();
    if (JSON_TYPE.test(req.headers['content-type'] ?? '')) return next();
    res.status(415).json({
      error: `Request body must be JSON (Content-Type: application/json), got ${JSON.stringify((req.headers['content-type'] ?? 'none').slice(0, 80))}`,
      code: 'UNSUPPORTED_MEDIA_TYPE',
    } satisfies ErrorBody);
  };
  return [requireJson, express.json({ limit, type: (req) => JSON_TYPE.test(req.headers['content-type'] ?? '') })];
}
