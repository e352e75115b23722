import express from 'express';
import { MockExchangeError } from '../mock-exchange-error.ts';
import type { MeetingConfig } from '../org-config.ts';
import type { AdminRoutes } from './admin-api.ts';
import { jsonObject } from './request-body.ts';

/** The `send` flag of a meeting change (body field or query parameter): a boolean, or absent for false. */
function sendFlag(value: unknown, field: string): boolean {
  if (value === undefined || value === false || value === 'false') return false;
  if (value === true || value === 'true') return true;
  throw new MockExchangeError('INVALID_VALUE', `${field} must be true or false, not ${JSON.stringify(value)}`, field);
}

/** A meeting body without its `sendInvitations` flag, and the flag. */
function meetingBody(req: express.Request): { meeting: Record<string, unknown>; send: boolean } {
  const { sendInvitations, ...meeting } = jsonObject(req);
  return { meeting, send: sendFlag(sendInvitations, 'sendInvitations') };
}

/**
 * Meetings of a mailbox: list, create, update, delete. Changes flow to subscribers like any other; with
 * sendInvitations (create, update) or ?sendCancellations=true (delete) attendees' mailboxes get them too.
 */
export const meetingRoutes: AdminRoutes = (mock) => {
  const r = express.Router();
  r.get('/mailboxes/:address/meetings', (req, res) => {
    res.json(mock.admin.meetings(req.params.address));
  });
  r.post('/mailboxes/:address/meetings', (req, res) => {
    const { meeting, send } = meetingBody(req);
    res.status(201).json(mock.admin.createMeeting(req.params.address, meeting as unknown as MeetingConfig, send));
  });
  r.patch('/mailboxes/:address/meetings/:id', (req, res) => {
    const { meeting, send } = meetingBody(req);
    res.json(mock.admin.updateMeeting(req.params.address, req.params.id, meeting as Partial<MeetingConfig>, send));
  });
  r.delete('/mailboxes/:address/meetings/:id', (req, res) => {
    const send = sendFlag(req.query.sendCancellations, 'sendCancellations');
    mock.admin.deleteMeeting(req.params.address, req.params.id, send);
    res.status(204).end();
  });
  return r;
};
