import { connect as netConnect } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { connect } from 'node:tls';
import { expect } from 'vitest';
import type { MockExchange } from '../../mock-exchange/mock-exchange.ts';
import type { VirtualClock } from '../../sim/clock.ts';
import { waitUntil } from './wait-until.ts';

/** A full TLS handshake with another server: by the time it completes, this process has served every pending I/O event. */
export async function fence(mock: MockExchange, server = 'ex2'): Promise<void> {
  const s = mock.org.server(server)!;
  await new Promise<void>((resolve, reject) => {
    const socket = connect({ host: s.ip, port: s.port, servername: s.fqdn, ca: [mock.pki.root.pem] }, () => {
      socket.destroy();
      resolve();
    });
    socket.once('error', reject);
  });
}

/** What a client observed on one connection. */
export interface Observed {
  socket: TLSSocket;
  secure: boolean;
  error: (NodeJS.ErrnoException & { message: string }) | undefined;
  closed: boolean;
  done: Promise<void>;
}

/** Open a TLS connection trusting the root, and record what happens to it. */
export function observe(mock: MockExchange, server = 'ex1'): Observed {
  const s = mock.org.server(server)!;
  const socket = connect({ host: s.ip, port: s.port, servername: s.fqdn, ca: [mock.pki.root.pem] });
  const o: Observed = { socket, secure: false, error: undefined, closed: false, done: Promise.resolve() };
  socket.on('secureConnect', () => {
    o.secure = true;
  });
  o.done = new Promise<void>((resolve) => {
    socket.once('error', (err) => {
      o.error = err;
    });
    socket.once('close', () => {
      o.closed = true;
      resolve();
    });
  });
  return o;
}

/** The client's own deadline on the virtual clock: like the gateway's prober, it raises ETIMEDOUT itself. */
export function deadline(clock: VirtualClock, o: Observed, ms: number): void {
  clock.setTimeout(() => {
    if (!o.secure) o.socket.destroy(Object.assign(new Error(`no answer within ${ms} ms`), { code: 'ETIMEDOUT' }));
  }, ms);
}

/** A timer is waiting on the clock that was not there before: a fault is holding something back. */
export function timerAdded(clock: VirtualClock, before: number): () => boolean {
  return () => clock.pending > before;
}

/** A latency fault holds a new connection's handshake exactly `ms` on the clock: nothing at ms - 1, secure at ms. */
export async function expectHandshakeHeld(mock: MockExchange, clock: VirtualClock, ms: number): Promise<Observed> {
  const before = clock.pending;
  const o = observe(mock);
  await waitUntil(() => clock.pending > before);
  clock.advance(ms - 1);
  await fence(mock);
  expect(o.secure).toBe(false);
  expect(o.socket.bytesRead).toBe(0);
  clock.advance(1);
  await waitUntil(() => o.secure);
  return o;
}

/** A slow-close fault holds the server's close (FIN) exactly `ms` on the clock before the client sees it. */
export async function expectCloseHeld(mock: MockExchange, clock: VirtualClock, ms: number, server = 'ex1') {
  const s = mock.org.server(server)!;
  const before = clock.pending;
  // Plain HTTP on the TLS port: the TLS server closes the connection at once, which is the close held back.
  const socket = netConnect(s.port, s.ip);
  let ended = false;
  socket.on('end', () => {
    ended = true;
  });
  socket.on('data', () => {});
  socket.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
  await waitUntil(() => clock.pending > before);
  clock.advance(ms - 1);
  await fence(mock);
  expect(ended).toBe(false);
  clock.advance(1);
  await waitUntil(() => ended);
  socket.destroy();
}
