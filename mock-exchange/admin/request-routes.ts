import express from 'express';
import { MockExchangeError } from '../mock-exchange-error.ts';
import type { RequestFilter } from '../requests/request-journal.ts';
import type { AdminRoutes } from './admin-api.ts';

const FILTERS = ['operation', 'mailbox', 'server', 'account', 'since', 'until'] as const;

/** The request journal: every EWS request received, filtered by query parameters; DELETE forgets them all. */
export const requestRoutes: AdminRoutes = (mock) => {
  const r = express.Router();
  r.get('/requests', (req, res) => {
    const filter: RequestFilter = {};
    for (const name of FILTERS) {
      const value = req.query[name];
      if (value === undefined) continue;
      if (typeof value !== 'string')
        throw MockExchangeError.at('INVALID_VALUE', name, 'must be given once, as a single value');
      if (name === 'since' || name === 'until') filter[name] = /^\d+$/.test(value) ? Number(value) : value;
      else filter[name] = value;
    }
    const snapshot = mock.requests.snapshot(filter);
    const limit = req.query.limit;
    if (limit !== undefined) {
      const n = Number(limit);
      if (typeof limit !== 'string' || !Number.isInteger(n) || n < 1)
        throw MockExchangeError.at('INVALID_VALUE', 'limit', `must be a positive integer, got "${String(limit)}"`);
      // The newest n: what a user looking at a live organization wants.
      snapshot.requests = snapshot.requests.slice(-n);
    }
    res.json(snapshot);
  });
  r.delete('/requests', (_req, res) => {
    mock.requests.clear();
    res.status(204).end();
  });
  return r;
};
