import express from 'express';
import type { MeetingConfig } from '../org-config.ts';
import type { AdminRoutes } from './admin-api.ts';
import { jsonObject } from './request-body.ts';

/** Meetings of a mailbox: list, create, update, delete. Changes flow to subscribers like any other. */
export const meetingRoutes: AdminRoutes = (mock) => {
  const r = express.Router();
  r.get('/mailboxes/:address/meetings', (req, res) => {
    res.json(mock.admin.meetings(req.params.address));
  });
  r.post('/mailboxes/:address/meetings', (req, res) => {
    res.status(201).json(mock.admin.createMeeting(req.params.address, jsonObject(req) as unknown as MeetingConfig));
  });
  r.patch('/mailboxes/:address/meetings/:id', (req, res) => {
    res.json(mock.admin.updateMeeting(req.params.address, req.params.id, jsonObject(req) as Partial<MeetingConfig>));
  });
  r.delete('/mailboxes/:address/meetings/:id', (req, res) => {
    mock.admin.deleteMeeting(req.params.address, req.params.id);
    res.status(204).end();
  });
  return r;
};
