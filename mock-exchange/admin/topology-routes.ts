import express from 'express';
import type { AdminRoutes } from './admin-api.ts';
import { jsonObject } from './request-body.ts';

/** Where mailboxes live and server lifecycle: move a mailbox, restart a server. */
export const topologyRoutes: AdminRoutes = (mock) => {
  const r = express.Router();
  r.post('/mailboxes/:address/move', (req, res) => {
    const body = jsonObject(req);
    res.json(
      mock.admin.moveMailbox(req.params.address, body.server as string, (body.windowMs as number | undefined) ?? 0),
    );
  });
  r.post('/servers/:name/restart', (req, res) => {
    const body =
      req.body === undefined || (typeof req.body === 'object' && !Object.keys(req.body).length) ? {} : jsonObject(req);
    res.json(mock.admin.restartServer(req.params.name, (body.downMs as number | undefined) ?? 0));
  });
  return r;
};
