import express from 'express';
import type { ImpNode } from './imp-node.ts';

/** Admin API route for the debug log: the entries since a sequence number (the /events stream sends new ones). */
export function logRoutes(node: ImpNode): express.Router {
  const r = express.Router();
  r.get('/logs', (req, res) => {
    const since = Number(req.query.since ?? 0);
    res.json({ entries: node.journal.entries({ since: Number.isFinite(since) ? since : 0 }) });
  });
  return r;
}
