import express from 'express';
import { restartNotice } from './admin-restart-notice.ts';
import type { ImpNode } from './imp-node.ts';

/** Admin API routes for the Presence Engine: its service parameters, its state, and start/stop/restart. */
export function engineRoutes(node: ImpNode): express.Router {
  const r = express.Router();
  r.get('/parameters', (_req, res) => {
    res.json({ parameters: node.config.parameters.get() });
  });
  r.patch('/parameters', (req, res) => {
    res.json({
      parameters: node.config.parameters.set((req.body ?? {}) as Record<string, unknown>),
      notice: restartNotice(node),
    });
  });
  r.get('/engine', (_req, res) => {
    res.json({
      state: node.engine.state,
      restartRequired: node.engine.restartRequired(),
      startedAt: node.engine.snapshot?.startedAt,
    });
  });
  for (const action of ['start', 'stop', 'restart'] as const) {
    r.post(`/engine/${action}`, async (_req, res) => {
      await node.engine[action]();
      res.json({ state: node.engine.state, restartRequired: node.engine.restartRequired() });
    });
  }
  return r;
}
