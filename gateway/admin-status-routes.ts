import express from 'express';
import { RESTART_NOTICE } from './admin-restart-notice.ts';
import type { ImpNode } from './imp-node.ts';
import { REACHABILITY_HELP, SSL_HELP } from './status/status-labels.ts';

/** Admin API route for the status area: the rows, each with the help text of its labels. */
export function statusRoutes(node: ImpNode): express.Router {
  const r = express.Router();
  r.get('/status', async (_req, res) => {
    const area = await node.status();
    res.json({
      ...area,
      notice: area.restartRequired ? RESTART_NOTICE : undefined,
      rows: area.rows.map((row) => ({
        ...row,
        help: { reachability: REACHABILITY_HELP[row.reachability], ssl: SSL_HELP[row.ssl] },
      })),
    });
  });
  return r;
}
