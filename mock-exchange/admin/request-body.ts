import type { Request } from 'express';
import { MockExchangeError } from '../mock-exchange-error.ts';

/** The JSON object a POST/PUT/PATCH carries, or a 400 that says so. */
export function jsonObject(req: Request): Record<string, unknown> {
  const body: unknown = req.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new MockExchangeError(
      'INVALID_VALUE',
      'The request body must be a JSON object (Content-Type: application/json)',
    );
  }
  return body as Record<string, unknown>;
}
