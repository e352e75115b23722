import express from 'express';
import type { EndUser, UserInput } from './config/user-store.ts';
import { GatewayError } from './gateway-error.ts';
import type { ImpNode } from './imp-node.ts';

/** An end user as the admin API shows it: settings, the calendar subscription and the published presence. */
export interface UserView extends EndUser {
  subscription: { status: string; gateway?: string; mode: string; reason?: string } | null;
  presence: { label: string; client: string; calendar: string };
}

const TEXT_FIELDS = ['mailbox', 'displayName', 'password', 'locale'] as const;
const FLAG_FIELDS = ['impEnabled', 'calendaring', 'licensed'] as const;
const PATCH_FIELDS: readonly string[] = [...TEXT_FIELDS, ...FLAG_FIELDS];

/** Check a JSON body field by field; unknown fields and wrong types are errors naming the field. */
function userFields(body: unknown, allowed: readonly string[]): Partial<UserInput> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new GatewayError('INVALID_VALUE', 'The request body must be a JSON object');
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) {
    if (!allowed.includes(k)) {
      throw new GatewayError('INVALID_VALUE', `Unknown field "${k}"; allowed: ${allowed.join(', ')}`, k);
    }
    const flag = (FLAG_FIELDS as readonly string[]).includes(k);
    if (flag ? typeof v !== 'boolean' : typeof v !== 'string') {
      throw new GatewayError('INVALID_VALUE', `"${k}" must be ${flag ? 'true or false' : 'a string'}`, k);
    }
    out[k] = v;
  }
  return out as Partial<UserInput>;
}

/**
 * Admin API routes for end users: list, add, update (IM&P enablement, "include meeting information in
 * presence", license, mailbox), delete. The running engine acts at once; a user who loses IM&P or the
 * license is logged out of every client.
 */
export function userRoutes(node: ImpNode): express.Router {
  const r = express.Router();
  const users = node.config.users;
  const find = (ref: string): EndUser => {
    const u = users.get(ref);
    if (!u) throw new GatewayError('UNKNOWN_USER', `No end user "${ref}"`, 'user');
    return u;
  };
  const view = (u: EndUser): UserView => {
    const s = node.calendars.get(u.userId);
    return {
      ...u,
      subscription: s ? { status: s.status, gateway: s.gateway, mode: s.mode, reason: s.reason } : null,
      presence: node.presence.get(u.userId),
    };
  };
  const logoutIfBarred = (u: EndUser) => {
    if (!u.licensed) node.feed?.logout(u.userId, 'IM and Presence license removed');
    else if (!u.impEnabled) node.feed?.logout(u.userId, 'user disabled for IM and Presence');
  };

  r.get('/users', (_req, res) => {
    res.json({ users: users.list().map(view) });
  });
  r.get('/users/:user', (req, res) => {
    res.json({ user: view(find(String(req.params.user))) });
  });
  r.post('/users', (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const fields = userFields(body, ['userId', ...PATCH_FIELDS]);
    const userId = (fields as { userId?: string }).userId;
    if (typeof userId !== 'string') throw new GatewayError('INVALID_VALUE', 'userId is required', 'userId');
    if (typeof fields.mailbox !== 'string') throw new GatewayError('INVALID_VALUE', 'mailbox is required', 'mailbox');
    const u = users.add({ ...fields, userId, mailbox: fields.mailbox });
    node.journal.record('info', 'config', `end user ${u.userId} added (mailbox ${u.mailbox})`, { user: u.userId });
    res.status(201).json({ user: view(u) });
  });
  r.patch('/users/:user', (req, res) => {
    const current = find(String(req.params.user));
    const patch = userFields(req.body ?? {}, PATCH_FIELDS);
    const u = users.update(current.userId, patch);
    const changed = Object.keys(patch).filter((k) => k !== 'password');
    node.journal.record('info', 'config', `end user ${u.userId} updated: ${changed.join(', ') || 'password'}`, {
      user: u.userId,
      ...Object.fromEntries(changed.map((k) => [k, u[k as keyof EndUser]])),
    });
    logoutIfBarred(u);
    res.json({ user: view(u) });
  });
  r.delete('/users/:user', (req, res) => {
    const u = users.delete(find(String(req.params.user)).userId);
    node.feed?.logout(u.userId, 'user deleted from IM and Presence');
    node.journal.record('info', 'config', `end user ${u.userId} deleted`, { user: u.userId });
    res.json({ user: u });
  });
  return r;
}
