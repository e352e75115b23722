import type { ErrorRequestHandler, RequestHandler } from 'express';
import { CodedError } from './coded-error.ts';

/** The one JSON shape of a refused admin or dashboard request. */
export interface ErrorBody {
  error: string;
  code?: string;
  field?: string;
}

/** The answer to a path no route serves. */
export function jsonNotFound(message: string): RequestHandler {
  return (_req, res) => {
    res.status(404).json({ error: message } satisfies ErrorBody);
  };
}

/**
 * The error handler the admin APIs and the dashboard share: a CodedError answers its status with
 * `{ error, code, field }`, a body that is not JSON a 400, anything else a 500 reported to `onInternal`.
 */
export function jsonErrorHandler(onInternal?: (message: string) => void): ErrorRequestHandler {
  return (err: unknown, _req, res, _next) => {
    if (err instanceof CodedError) {
      res.status(err.status).json({ error: err.message, code: err.code, field: err.field } satisfies ErrorBody);
      return;
    }
    const e = err as { type?: string; message?: string };
    if (e?.type === 'entity.parse.failed') {
      res
        .status(400)
        .json({ error: `Request body is not valid JSON: ${e.message}`, code: 'INVALID_VALUE' } satisfies ErrorBody);
      return;
    }
    const message = e?.message ?? String(err);
    onInternal?.(message);
    res.status(500).json({ error: message } satisfies ErrorBody);
  };
}
