import type { ErrorRequestHandler, RequestHandler } from 'express';
import { CodedError } from './coded-error.ts';

/** The one JSON shape of a refused admin or dashboard request. */
export interface ErrorBody {
  error: string;
  code?: string;
  field?: string;
}

/** The body reader's (body-parser's) refusals: each the client's fault, with the status HTTP gives it. */
const BODY_ERRORS: Record<string, { status: number; code: string; what: string }> = {
  'entity.too.large': { status: 413, code: 'PAYLOAD_TOO_LARGE', what: 'Request body too large' },
  'charset.unsupported': { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', what: 'Unsupported charset' },
  'encoding.unsupported': { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', what: 'Unsupported Content-Encoding' },
  'request.aborted': { status: 400, code: 'INVALID_VALUE', what: 'Request body aborted' },
  'request.size.invalid': {
    status: 400,
    code: 'INVALID_VALUE',
    what: 'Request body shorter or longer than its Content-Length',
  },
};

/** The answer to a path no route serves. */
export function jsonNotFound(message: string): RequestHandler {
  return (_req, res) => {
    res.status(404).json({ error: message } satisfies ErrorBody);
  };
}

/**
 * The error handler the admin APIs and the dashboard share: a CodedError answers its status with
 * `{ error, code, field }`, a body that is not JSON a 400, one too large 413, an unknown charset or
 * content-encoding 415, anything else a 500 reported to `onInternal`.
 */
export function jsonErrorHandler(onInternal?: (message: string) => void): ErrorRequestHandler {
  return (err: unknown, _req, res, _next) => {
    if (err instanceof CodedError) {
      res.status(err.status).json({ error: err.message, code: err.code, field: err.field } satisfies ErrorBody);
      return;
    }
    const e = err as { type?: string; message?: string; status?: number; expose?: boolean };
    if (e?.type === 'entity.parse.failed') {
      res
        .status(400)
        .json({ error: `Request body is not valid JSON: ${e.message}`, code: 'INVALID_VALUE' } satisfies ErrorBody);
      return;
    }
    const bodyError = e?.type ? BODY_ERRORS[e.type] : undefined;
    if (bodyError) {
      res
        .status(bodyError.status)
        .json({ error: `${bodyError.what}: ${e.message}`, code: bodyError.code } satisfies ErrorBody);
      return;
    }
    const message = e?.message ?? String(err);
    onInternal?.(message);
    res.status(500).json({ error: message } satisfies ErrorBody);
  };
}
