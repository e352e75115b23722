import { describe, expect, it } from 'vitest';
import { FAULT_DEFINITIONS } from '../../../../mock-exchange/faults/index.ts';
import { parseFault } from '../../../../mock-exchange/faults/parse-fault.ts';

/** The sentence the dashboard and `pgsim exchange` show for a fault given as in an organization file. */
const explain = (input: Record<string, unknown>): string => {
  const fault = parseFault(input, 'f');
  const def = FAULT_DEFINITIONS.get(fault.type);
  if (!def) throw new Error(`no fault type ${fault.type}`);
  return def.explain(fault as never);
};

describe('what a fault says of itself', () => {
  it('every type has a summary and every attribute a description (the admin API and the dashboard show them)', () => {
    for (const def of FAULT_DEFINITIONS.values()) {
      expect(def.summary, def.type).toMatch(/^[a-zA-Z].{15,}[^. ]$/);
      for (const [name, spec] of Object.entries(def.attributes)) {
        expect(spec.description, `${def.type}.${name}`).toMatch(/^[a-zA-Z0-9].{5,}[^. ]$/);
      }
    }
  });

  it.each([
    [{ type: 'latency', latency: 250 }, 'Every chunk the server sends is delayed by 250 ms.'],
    [
      { type: 'latency', latency: 250, jitter: 40, stream: 'upstream' },
      'Every chunk the client sends is delayed by 250 ms ± 40 ms.',
    ],
    [{ type: 'reset' }, 'The server resets the connection (TCP RST) 0 ms after the client first sends bytes.'],
    [
      { type: 'reset', on: 'connect', timeout: 1500 },
      'The server resets the connection (TCP RST) 1500 ms after accepting it.',
    ],
    [
      { type: 'close', timeout: 20 },
      'The server accepts the TCP connection and closes it cleanly (FIN) 20 ms later, before any TLS handshake, discarding what the client sent.',
    ],
    [
      { type: 'slow-close', delay: 700 },
      'When the server closes the connection, the close reaches the other side 700 ms later; data is not delayed.',
    ],
    [
      { type: 'slow-close', delay: 700, stream: 'upstream' },
      'When the client closes the connection, the close reaches the other side 700 ms later; data is not delayed.',
    ],
    [
      { type: 'limit-data', bytes: 1024 },
      'After 1024 bytes from the server the connection is closed, cutting whatever was in flight (a TLS handshake or a response).',
    ],
    [
      { type: 'limit-data', bytes: 64, stream: 'upstream' },
      'After 64 bytes from the client the connection is closed, cutting whatever was in flight (a TLS handshake or a response).',
    ],
    [
      { type: 'server-busy' },
      'Requests are throttled: ErrorServerBusy with BackOffMilliseconds 30000, sent as an HTTP 500 SOAP fault.',
    ],
    [
      { type: 'server-busy', backOffMilliseconds: 5000, as: 'message' },
      'Requests are throttled: ErrorServerBusy with BackOffMilliseconds 5000, sent as an HTTP 200 error ResponseMessage.',
    ],
    [{ type: 'service-unavailable' }, 'Requests get HTTP 503 Service Unavailable.'],
    [
      { type: 'service-unavailable', retryAfterSeconds: 120 },
      'Requests get HTTP 503 Service Unavailable with Retry-After 120.',
    ],
    [{ type: 'soap-fault-500' }, 'Requests get an HTTP 500 SOAP fault ErrorInternalServerError.'],
    [
      { type: 'soap-fault-500', code: 'ErrorMailboxStoreUnavailable', message: 'Store down' },
      'Requests get an HTTP 500 SOAP fault ErrorMailboxStoreUnavailable ("Store down").',
    ],
    [{ type: 'mailbox-move-in-progress' }, 'Requests get ErrorMailboxMoveInProgress: the mailbox is being moved.'],
    [
      { type: 'mailbox-move-in-progress', mailbox: 'Alice@Example.test' },
      'Requests on alice@example.test get ErrorMailboxMoveInProgress: the mailbox is being moved.',
    ],
    [
      { type: 'callback-unreachable' },
      'The server cannot reach push subscribers: every SendNotification fails to connect, and Exchange retries on its schedule.',
    ],
    [
      { type: 'callback-unreachable', mailbox: 'bob@example.test' },
      'The server cannot reach push subscribers of bob@example.test: every SendNotification fails to connect, and Exchange retries on its schedule.',
    ],
    [{ type: 'unauthorized' }, 'Requests are refused with HTTP 401 Unauthorized, as if the credentials were wrong.'],
    [{ type: 'down' }, 'The server is down: its port is closed, so every connection attempt is refused.'],
  ])('%j: %s', (input, sentence) => {
    expect(explain(input)).toBe(sentence);
  });
});
