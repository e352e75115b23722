import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { LiveMessage } from '../../../dashboard/protocol.ts';
import { type DashboardLab, startDashboardLab } from '../../support/dashboard-browser.ts';

interface Reply {
  status: number;
  body: { error?: string; field?: string; code?: string } & Record<string, unknown>;
}

describe('the dashboard API refuses bad input field by field and changes nothing', () => {
  let h: DashboardLab;
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(new URL(path, h.url), {
      method,
      headers: { ...h.auth, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : {} } as Reply;
  };
  beforeAll(async () => {
    h = await startDashboardLab();
  });
  afterAll(async () => {
    await h?.stop();
  });

  it.each([
    ['POST', '/api/clock', { action: 'fly' }, 400, 'action'],
    ['POST', '/api/clock', { action: 'speed', speed: 7 }, 400, 'speed'],
    ['POST', '/api/clock', { action: 'jump', to: 'noon' }, 400, 'to'],
    ['POST', '/api/clock', { action: 'jump', to: '08:00' }, 400, 'to'],
    ['POST', '/api/clock', '{"action":', 400, undefined],
    ['POST', '/api/clock', [1, 2], 400, undefined],
    ['POST', '/api/mailboxes/alice@example.test/meetings', { start: '10:00', end: '11:00' }, 400, 'subject'],
    ['POST', '/api/mailboxes/alice@example.test/meetings', { subject: 'X', start: '10', end: '11:00' }, 400, 'start'],
    ['POST', '/api/mailboxes/alice@example.test/meetings', { subject: 'X', start: '10:00', end: '10:00' }, 400, 'end'],
    [
      'POST',
      '/api/mailboxes/alice@example.test/meetings',
      { subject: 'X', start: '10:00', end: '11:00', freeBusy: 'Maybe' },
      400,
      'freeBusy',
    ],
    [
      'POST',
      '/api/mailboxes/nobody@example.test/meetings',
      { subject: 'X', start: '10:00', end: '11:00' },
      404,
      'mailbox',
    ],
    ['PATCH', '/api/mailboxes/alice@example.test/meetings/nope', { start: '10:00', end: '11:00' }, 404, 'id'],
    ['DELETE', '/api/mailboxes/alice@example.test/meetings/nope', undefined, 404, 'id'],
    ['POST', '/api/scenario/load', {}, 400, 'id'],
    ['POST', '/api/scenario/load', { id: 'no-such-case' }, 400, 'id'],
    ['POST', '/api/scenario/play', { pace: -5 }, 400, 'pace'],
    ['GET', '/api/nothing-here', undefined, 404, undefined],
  ])('%s %s %j -> %i naming %s', async (method, path, body, status, field) => {
    const before = { clock: h.live.driver.state(), meetings: h.live.lab.exchange.admin.meetings('alice@example.test') };
    const r = await call(method, path, body);
    expect(r.status).toBe(status);
    expect(r.body.error).toEqual(expect.any(String));
    expect(r.body.field).toBe(field);
    expect(h.live.driver.state()).toEqual(before.clock);
    expect(h.live.lab.exchange.admin.meetings('alice@example.test')).toEqual(before.meetings);
  });

  it('a change from another origin is 403 on every mount: /api, /imp and /exchange', async () => {
    const evil = { origin: 'http://evil.example' };
    expect((await call('POST', '/api/clock', { action: 'resume' }, evil)).status).toBe(403);
    expect((await call('POST', '/imp/api/engine/stop', undefined, evil)).body.code).toBe('CROSS_ORIGIN');
    expect((await call('PUT', '/exchange/api/servers/ex1/faults', [{ type: 'down' }], evil)).status).toBe(403);
    expect(h.live.driver.state().paused).toBe(true);
    expect(h.live.lab.imp.engine.state).toBe('running');
    expect(h.live.lab.exchange.faults.list('ex1')).toEqual([]);
  });

  it('/live greets a page with the whole state, refuses other origins, and is read-only', async () => {
    const url = `${h.url.replace('http:', 'ws:')}live`;
    const refused = new WebSocket(url, { headers: { origin: 'http://evil.example' } });
    const status = await new Promise<number>((resolve) => {
      refused.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      refused.on('open', () => resolve(101));
    });
    expect(status).toBe(403);

    const ws = new WebSocket(url, { headers: { ...h.auth, origin: h.url.replace(/\/$/, '') } });
    const hello = await new Promise<LiveMessage>((resolve) =>
      ws.once('message', (d) => resolve(JSON.parse(String(d)))),
    );
    expect(hello.type).toBe('hello');
    if (hello.type !== 'hello') return;
    expect(hello.lab).toMatchObject({ kind: 'live', title: 'Live lab', release: '15' });
    expect(hello.lab.users.map((u) => u.userId)).toEqual(['alice', 'bob', 'carol', 'dave', 'erin']);
    expect(hello.clock).toEqual(h.live.driver.state());
    // Nobody is logged in: Offline beats carol's out-of-office calendar, which the greeting still carries.
    expect(hello.presence.carol).toMatchObject({ label: 'Offline', calendar: 'oof' });
    expect(hello.log.length).toBeGreaterThan(0);
    expect(hello.player.phase).toBe('idle');
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send('{"type":"pause"}');
    expect(await closed).toBe(1003);
    expect(h.live.driver.state().paused).toBe(true);
  });
});
