import type { NextFunction, Request, Response } from 'express';
import { CodedError } from '../../sim/coded-error.ts';

/** Stable codes of the dashboard's own API, with the HTTP status each one answers. */
export const DASHBOARD_ERROR_STATUS = {
  INVALID_VALUE: 400,
  UNKNOWN_MAILBOX: 404,
  UNKNOWN_MEETING: 404,
} as const satisfies Record<string, number>;

export type DashboardErrorCode = keyof typeof DASHBOARD_ERROR_STATUS;

/** A request the dashboard refuses: 4xx with the message and the form field it is about; nothing changes. */
export class DashboardError extends CodedError<DashboardErrorCode> {
  override name = 'DashboardError';
  protected readonly statuses = DASHBOARD_ERROR_STATUS;

  constructor(message: string, field?: string, code: DashboardErrorCode = 'INVALID_VALUE') {
    super(code, message, field);
  }
}

/** Express 5 handlers may be async: a rejection reaches the error handler. */
export type Handler = (req: Request, res: Response, next: NextFunction) => unknown;

/** The body of a POST/PUT/PATCH as an object, or a 400 saying so. */
export function bodyOf(req: Request): Record<string, unknown> {
  const b: unknown = req.body;
  if (b === undefined) return {};
  if (typeof b !== 'object' || b === null || Array.isArray(b))
    throw new DashboardError('The request body must be a JSON object');
  return b as Record<string, unknown>;
}
