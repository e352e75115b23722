import express from 'express';
import type { ThrottlingPolicy } from '../notifications/throttling-policy.ts';
import type { AdminRoutes } from './admin-api.ts';
import { jsonObject } from './request-body.ts';

/** Notification subscriptions with their state, and the per-account throttling policy. */
export const subscriptionRoutes: AdminRoutes = (mock) => {
  const r = express.Router();
  r.get('/subscriptions', (req, res) => {
    const q = (name: string) => (typeof req.query[name] === 'string' ? (req.query[name] as string) : undefined);
    res.json(mock.admin.subscriptions({ mailbox: q('mailbox'), server: q('server'), kind: q('kind') }));
  });
  r.post('/subscriptions/:id/read-events-failed', (req, res, next) => {
    mock.admin.failReadEvents(req.params.id).then((r) => res.json(r), next);
  });
  r.post('/subscriptions/:id/missed-events', (req, res) => {
    res.json(mock.admin.missEvents(req.params.id));
  });
  r.get('/accounts/:user/throttling', (req, res) => {
    res.json(mock.admin.throttlingPolicy(req.params.user));
  });
  r.put('/accounts/:user/throttling', (req, res) => {
    res.json(mock.admin.setThrottlingPolicy(req.params.user, jsonObject(req) as Partial<ThrottlingPolicy>));
  });
  return r;
};
