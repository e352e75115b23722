import express from 'express';
import type { LabHost } from '../lab-host.ts';

/** The Exchange Server Status area: its last result, and a refresh whose result arrives on /live. */
export function statusRoutes(host: LabHost): express.Router {
  const r = express.Router();
  r.get('/status', (_req, res) => {
    res.json(host.current.status.state());
  });
  r.post('/status/refresh', (_req, res) => {
    host.current.status.refresh();
    res.status(202).json(host.current.status.state());
  });
  r.get('/lab', (_req, res) => {
    res.json(host.current.summary());
  });
  return r;
}
