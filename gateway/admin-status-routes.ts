import express from 'express';
import { RESTART_NOTICE } from './admin-restart-notice.ts';
import type { ImpNode } from './imp-node.ts';
import { statusHelp } from './status/status-labels.ts';

/** Admin API route for the status area: the rows, each with the help text of its labels. */
export function statusRoutes(node: ImpNode): express.Router {
  const r = express.Router();
  r.get('/status', async (_req, res) => {
    const area = await node.status();
    res.json({
      ...area,
      notice: area.restartRequired ? RESTART_NOTICE : undefined,
      rows: area.rows.map((row) => ({ ...row, help: statusHelp(row) })),
    });
  });
  return r;
}
