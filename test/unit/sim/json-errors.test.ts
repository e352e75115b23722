import type { Request, Response } from 'express';
import { describe, expect, it } from 'vitest';
import { DashboardError } from '../../../dashboard/routes/dashboard-error.ts';
import { GatewayError } from '../../../gateway/gateway-error.ts';
import { MockExchangeError } from '../../../mock-exchange/mock-exchange-error.ts';
import { jsonErrorHandler, jsonNotFound } from '../../../sim/json-errors.ts';

/** A response that records what the handler answered. */
function reply(handle: (res: Response) => void): { status: number; body: unknown } {
  const seen = { status: 0, body: undefined as unknown };
  const res = {
    status(code: number) {
      seen.status = code;
      return this;
    },
    json(body: unknown) {
      // What express sends: JSON text, so undefined fields vanish.
      seen.body = JSON.parse(JSON.stringify(body));
      return this;
    },
  } as unknown as Response;
  handle(res);
  return seen;
}

const handled = (err: unknown, onInternal?: (m: string) => void) =>
  reply((res) => jsonErrorHandler(onInternal)(err, {} as Request, res, () => {}));

describe('the JSON error handler the admin APIs and the dashboard share', () => {
  it.each([
    [new GatewayError('UNKNOWN_USER', 'Unknown user "zed"', 'user'), 404, 'UNKNOWN_USER', 'user'],
    [new GatewayError('DUPLICATE_GATEWAY', 'exists', 'host'), 409, 'DUPLICATE_GATEWAY', 'host'],
    [new GatewayError('INVALID_PORT', 'bad port', 'port'), 400, 'INVALID_PORT', 'port'],
    [
      new MockExchangeError('MOVE_CONFLICT', 'Mailbox a@x already lives on ex2', 'server'),
      409,
      'MOVE_CONFLICT',
      'server',
    ],
    [new MockExchangeError('UNKNOWN_SERVER', 'no ex9', 'server'), 404, 'UNKNOWN_SERVER', 'server'],
    [MockExchangeError.at('INVALID_CONFIG', 'servers[0].port', 'not a port'), 400, 'INVALID_CONFIG', 'servers[0].port'],
    [new DashboardError('Pick a scenario', 'id'), 400, 'INVALID_VALUE', 'id'],
    [new DashboardError('Unknown mailbox "x"', 'mailbox', 'UNKNOWN_MAILBOX'), 404, 'UNKNOWN_MAILBOX', 'mailbox'],
  ])('%s answers %i with its code and field', (err, status, code, field) => {
    expect(handled(err)).toEqual({ status, body: { error: err.message, code, field } });
  });

  it('leaves field out when the error names none', () => {
    expect(handled(new MockExchangeError('INVALID_MEETING', 'end is earlier than start'))).toEqual({
      status: 400,
      body: { error: 'end is earlier than start', code: 'INVALID_MEETING' },
    });
  });

  it('writes a field error as "field: problem" and keeps the problem apart', () => {
    const err = MockExchangeError.at('INVALID_VALUE', 'faults[1].latency', 'must be a whole number');
    expect([err.message, err.field, err.problem]).toEqual([
      'faults[1].latency: must be a whole number',
      'faults[1].latency',
      'must be a whole number',
    ]);
  });

  it('answers a body the JSON parser refused with 400 INVALID_VALUE', () => {
    const parseError = Object.assign(new SyntaxError('Unexpected token } in JSON at position 9'), {
      type: 'entity.parse.failed',
    });
    expect(handled(parseError)).toEqual({
      status: 400,
      body: {
        error: 'Request body is not valid JSON: Unexpected token } in JSON at position 9',
        code: 'INVALID_VALUE',
      },
    });
  });

  it('answers anything else with 500 and reports it', () => {
    const reported: string[] = [];
    expect(handled(new TypeError('x is undefined'), (m) => reported.push(m))).toEqual({
      status: 500,
      body: { error: 'x is undefined' },
    });
    expect(reported).toEqual(['x is undefined']);
  });

  it('a RangeError is not taken for a refusal: it is an internal error', () => {
    expect(handled(new RangeError('out of range')).status).toBe(500);
  });

  it('answers an unserved path with 404 and the server’s message', () => {
    const res = reply((r) => jsonNotFound('No such admin endpoint')({} as Request, r, () => {}));
    expect(res).toEqual({ status: 404, body: { error: 'No such admin endpoint' } });
  });
});
