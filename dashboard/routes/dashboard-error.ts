import type { NextFunction, Request, Response } from 'express';

/** A request the dashboard refuses: 4xx with the message and the form field it is about; nothing changes. */
export class DashboardError extends Error {
  constructor(
    message: string,
    readonly field?: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = 'DashboardError';
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
