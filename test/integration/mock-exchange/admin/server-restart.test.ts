import { connect } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MockExchange } from '../../../../mock-exchange/mock-exchange.ts';
import type { VirtualClock } from '../../../../sim/clock.ts';
import { admin } from '../../../support/admin-client.ts';
import { ewsCall } from '../../../support/ews-call.ts';
import { startMock } from '../../../support/mock-server.ts';
import { getEvents, subscribed, subscribePull } from '../../../support/notification-soap.ts';

const ALICE = 'alice@example.test';

/** What a plain TCP connect to the server's address sees: 'connected' or the error code. */
function tcpConnect(host: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const s = connect({ host, port });
    s.once('connect', () => {
      s.destroy();
      resolve('connected');
    });
    s.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
  });
}

/** Yield event-loop turns (not wall time) until the condition holds. */
async function until(cond: () => boolean): Promise<void> {
  for (let i = 0; i < 5000 && !cond(); i++) await new Promise<void>((r) => setTimeout(r, 1));
  expect(cond()).toBe(true);
}

describe('restarting a server closes and reopens its HTTPS listener', () => {
  let mock: MockExchange;
  beforeEach(async () => {
    mock = await startMock();
  });
  afterEach(async () => {
    await mock.stop();
  });

  it('refuses connections while down, then listens again on the same port without the subscriptions it held', async () => {
    const ex1 = mock.org.server('ex1')!;
    const port = ex1.port;
    const pull = await subscribed(await ewsCall(mock, subscribePull(), { impersonate: ALICE }));
    expect(await tcpConnect(ex1.ip, port)).toBe('connected');

    const reply = await admin(mock, 'POST', '/servers/ex1/restart', { downMs: 30_000 });
    expect(reply).toEqual({ status: 200, body: { server: 'ex1', lostSubscriptions: 1, downMs: 30_000 } });
    await until(() => mock.listeners.get('ex1')?.running === false);
    expect(await tcpConnect(ex1.ip, port)).toBe('ECONNREFUSED');
    // ex2 is another process: untouched.
    expect(await tcpConnect(mock.org.server('ex2')!.ip, mock.org.server('ex2')!.port)).toBe('connected');

    (mock.clock as VirtualClock).advance(29_999);
    expect(await tcpConnect(ex1.ip, port)).toBe('ECONNREFUSED');
    (mock.clock as VirtualClock).advance(1);
    await until(() => mock.listeners.get('ex1')?.listening === true);
    expect(ex1.port).toBe(port);
    const after = await ewsCall(mock, getEvents(pull.id, pull.watermark!), { impersonate: ALICE });
    expect(after.code).toBe('ErrorSubscriptionNotFound');
    expect((await ewsCall(mock, subscribePull(), { impersonate: ALICE })).code).toBe('NoError');
  });

  it('a bad downMs is refused with a message naming it', async () => {
    const reply = await admin(mock, 'POST', '/servers/ex1/restart', { downMs: -5 });
    expect(reply.status).toBe(400);
    expect(JSON.stringify(reply.body)).toContain('downMs must be an integer');
    expect(mock.listeners.get('ex1')?.running).toBe(true);
  });
});
