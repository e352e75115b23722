import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MockExchange } from '../../../../mock-exchange/mock-exchange.ts';
import { SystemClock, VirtualClock } from '../../../../sim/clock.ts';
import { deadline, expectCloseHeld, expectHandshakeHeld, fence, observe } from '../../../support/fault-helpers.ts';
import { startMock } from '../../../support/mock-server.ts';
import { SVC, TEST_START, testOrgConfig } from '../../../support/test-org.ts';
import { tlsOutcome } from '../../../support/tls-probe.ts';
import { waitUntil } from '../../../support/wait-until.ts';

const DISCONNECTED = 'Client network socket disconnected before secure TLS connection was established';

describe('network faults in the TCP layer in front of the TLS listener', () => {
  let clock: VirtualClock;
  let mock: MockExchange;
  const ex1 = () => mock.org.server('ex1')!;
  const connectEx1 = () => tlsOutcome(ex1().ip, ex1().port, ex1().fqdn, [mock.pki.root.pem]);

  beforeEach(async () => {
    clock = new VirtualClock(TEST_START);
    mock = await startMock(testOrgConfig(), clock);
  });
  afterEach(async () => {
    await mock.stop();
  });

  it('down: connections are refused and open ones dropped; ex2 is untouched; clearing it reopens the same port', async () => {
    const open = observe(mock);
    await waitUntil(() => open.secure);
    const port = ex1().port;
    await mock.faults.set('ex1', [{ type: 'down' }]);
    await open.done;
    expect(await connectEx1()).toMatchObject({ ok: false, code: 'ECONNREFUSED' });
    const ex2 = mock.org.server('ex2')!;
    expect(await tlsOutcome(ex2.ip, ex2.port, ex2.fqdn, [mock.pki.root.pem])).toEqual({ ok: true });
    await mock.faults.clear('ex1');
    expect(ex1().port).toBe(port);
    expect(await connectEx1()).toEqual({ ok: true });
  });

  it('down from the organization file: the server gets its port but refuses until the fault is cleared', async () => {
    const config = testOrgConfig();
    config.servers[0]!.faults = [{ type: 'down' }];
    await mock.stop();
    mock = await startMock(config, clock);
    expect(ex1().port).toBeGreaterThan(0);
    expect(await connectEx1()).toMatchObject({ ok: false, code: 'ECONNREFUSED' });
    await mock.faults.clear('ex1');
    expect(await connectEx1()).toEqual({ ok: true });
  });

  it('hang: the connection is accepted and never answered, until the client gives up at its deadline', async () => {
    const accepted = new Promise<void>((resolve) => {
      const off = mock.journal.subscribe((e) => {
        if (e.message === 'hang took a connection') {
          off();
          resolve();
        }
      });
    });
    await mock.faults.set('ex1', [{ type: 'hang' }]);
    const o = observe(mock);
    deadline(clock, o, 3000);
    await accepted;
    await fence(mock);
    expect(o.secure).toBe(false);
    expect(o.socket.bytesRead).toBe(0);
    expect(o.closed).toBe(false);
    clock.advance(3000);
    await o.done;
    expect(o.error?.code).toBe('ETIMEDOUT');
    expect(o.socket.bytesRead).toBe(0);
  });

  it('hang: removing the fault closes the held connections', async () => {
    await mock.faults.set('ex1', [{ type: 'hang' }]);
    const o = observe(mock);
    await fence(mock);
    expect(o.closed).toBe(false);
    await mock.faults.clear('ex1');
    await o.done;
    expect(o.error?.message).toBe(DISCONNECTED);
  });

  it('reset: a TCP RST when the ClientHello arrives (ECONNRESET)', async () => {
    await mock.faults.set('ex1', [{ type: 'reset' }]);
    expect(await connectEx1()).toMatchObject({ ok: false, code: 'ECONNRESET', message: 'read ECONNRESET' });
  });

  it('reset after 500 ms on the clock: still open at 499 ms, reset at 500 ms', async () => {
    await mock.faults.set('ex1', [{ type: 'reset', timeout: 500, on: 'connect' }]);
    const before = clock.pending;
    const o = observe(mock);
    await waitUntil(() => clock.pending > before);
    clock.advance(499);
    await fence(mock);
    expect(o.closed).toBe(false);
    clock.advance(1);
    await o.done;
    expect(o.error?.code).toBe('ECONNRESET');
    expect(o.secure).toBe(false);
  });

  it('close: a FIN before the handshake (ECONNRESET, disconnected before secure TLS connection)', async () => {
    await mock.faults.set('ex1', [{ type: 'close' }]);
    expect(await connectEx1()).toEqual({ ok: false, code: 'ECONNRESET', message: DISCONNECTED });
  });

  it('latency: the server flight is held exactly 2000 ms on the clock, then the handshake completes; so is each response', async () => {
    await mock.faults.set('ex1', [{ type: 'latency', latency: 2000 }]);
    const o = await expectHandshakeHeld(mock, clock, 2000);
    // TLS 1.3 session tickets follow the handshake and are held too; let them through first.
    await waitUntil(() => clock.pending > 0);
    clock.advance(2000);
    expect(clock.pending).toBe(0);
    let response = '';
    o.socket.on('data', (d: Buffer) => {
      response += d.toString();
    });
    const pending = clock.pending;
    const basic = Buffer.from(`${SVC.user}:${SVC.password}`).toString('base64');
    o.socket.write(
      `GET /EWS/Exchange.asmx HTTP/1.1\r\nHost: ${ex1().fqdn}\r\nAuthorization: Basic ${basic}\r\nConnection: close\r\n\r\n`,
    );
    await waitUntil(() => clock.pending > pending);
    clock.advance(1999);
    await fence(mock);
    expect(response).toBe('');
    clock.advance(1);
    await o.done;
    expect(response).toMatch(/^HTTP\/1\.1 200 OK/);
    expect(response).toContain('You have created a service.');
  });

  it('limit-data: the server flight is cut after 100 bytes and the connection closed', async () => {
    await mock.faults.set('ex1', [{ type: 'limit-data', bytes: 100 }]);
    expect(await connectEx1()).toEqual({ ok: false, code: 'ECONNRESET', message: DISCONNECTED });
  });

  it('limit-data upstream: the ClientHello is cut after 10 bytes and the connection closed', async () => {
    await mock.faults.set('ex1', [{ type: 'limit-data', bytes: 10, stream: 'upstream' }]);
    expect(await connectEx1()).toEqual({ ok: false, code: 'ECONNRESET', message: DISCONNECTED });
  });

  it('slow-close: when the server closes, the FIN reaches the client only 1000 ms (clock) later', async () => {
    await mock.faults.set('ex1', [{ type: 'slow-close', delay: 1000 }]);
    await expectCloseHeld(mock, clock, 1000);
  });

  it('slow-close leaves a working connection working: handshake and a request go through', async () => {
    await mock.faults.set('ex1', [{ type: 'slow-close', delay: 1000 }]);
    expect(await connectEx1()).toEqual({ ok: true });
  });

  it('toxicity draws come from the seeded random source: same seed, same connections hit', async () => {
    const pattern = async (m: MockExchange) => {
      await m.faults.set('ex1', [{ type: 'close', toxicity: 0.5 }]);
      const s = m.org.server('ex1')!;
      const hits: boolean[] = [];
      for (let i = 0; i < 12; i++) hits.push(!(await tlsOutcome(s.ip, s.port, s.fqdn, [m.pki.root.pem])).ok);
      return hits;
    };
    const first = await pattern(mock);
    await mock.stop();
    mock = await startMock(testOrgConfig(), new VirtualClock(TEST_START));
    const second = await pattern(mock);
    expect(second).toEqual(first);
    expect(first).toContain(true);
    expect(first).toContain(false);
  });

  it('toxicity 0 never applies', async () => {
    await mock.faults.set('ex1', [{ type: 'reset', toxicity: 0 }]);
    for (let i = 0; i < 3; i++) expect(await connectEx1()).toEqual({ ok: true });
  });
});

describe('latency on the wall clock (the system clock a standalone mock runs on)', () => {
  it('the handshake completes no sooner than the latency', async () => {
    const mock = new MockExchange({ config: testOrgConfig(), clock: new SystemClock(), adminPort: null });
    await mock.start();
    try {
      await mock.faults.set('ex1', [{ type: 'latency', latency: 250 }]);
      const s = mock.org.server('ex1')!;
      const started = performance.now();
      expect(await tlsOutcome(s.ip, s.port, s.fqdn, [mock.pki.root.pem])).toEqual({ ok: true });
      // A lower bound only: timers never fire early, however loaded the machine is.
      expect(performance.now() - started).toBeGreaterThanOrEqual(249);
    } finally {
      await mock.stop();
    }
  });
});
