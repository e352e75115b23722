import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PROFILE_NAMES } from '../../../../mock-exchange/certs/profiles/index.ts';
import { FAULT_TYPES } from '../../../../mock-exchange/faults/index.ts';
import type { MockExchange } from '../../../../mock-exchange/mock-exchange.ts';
import { startMock } from '../../../support/mock-server.ts';
import { tlsOutcome } from '../../../support/tls-probe.ts';

describe('certificates and faults through the admin API', () => {
  let mock: MockExchange;
  const api = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${mock.adminApi!.url}/api${path}`, {
      method,
      headers: {
        authorization: `Bearer ${mock.adminApi!.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined, text };
  };
  const ex1 = () => {
    const s = mock.org.server('ex1')!;
    return tlsOutcome(s.ip, s.port, s.fqdn, [mock.pki.root.pem]);
  };
  beforeEach(async () => {
    mock = await startMock();
  });
  afterEach(async () => {
    await mock.stop();
  });

  it('lists every profile and every fault type with its attributes', async () => {
    const profiles = await api('GET', '/certificate-profiles');
    expect(profiles.body.map((p: { name: string }) => p.name)).toEqual(PROFILE_NAMES);
    const types = await api('GET', '/fault-types');
    expect(types.body.map((t: { type: string }) => t.type)).toEqual(FAULT_TYPES);
    expect(types.body.find((t: { type: string }) => t.type === 'latency').attributes.latency).toMatchObject({
      kind: 'ms',
      required: true,
    });
  });

  it('switches a profile, shows the chain, and exports the CA certificates of that chain', async () => {
    const put = await api('PUT', '/servers/ex1/certificate', { profile: 'missing-intermediate' });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({
      server: 'ex1',
      profile: 'missing-intermediate',
      status: 'Failed - Certificate Missing From Chain',
    });
    expect(put.body.chain).toHaveLength(1);
    expect(await ex1()).toMatchObject({ ok: false, code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' });
    const ca = await api('GET', '/servers/ex1/ca-certificates');
    expect(ca.body.files.map((f: { fileName: string }) => f.fileName)).toEqual([
      'pgsim-lab-issuing-ca.pem',
      'pgsim-lab-root-ca.pem',
    ]);
    const s = mock.org.server('ex1')!;
    const fixed = await tlsOutcome(
      s.ip,
      s.port,
      s.fqdn,
      ca.body.files.map((f: { pem: string }) => f.pem),
    );
    expect(fixed).toEqual({ ok: true });
    const pem = await fetch(`${mock.adminApi!.url}/api/servers/ex1/ca-certificates.pem`, {
      headers: { authorization: `Bearer ${mock.adminApi!.token}` },
    });
    expect((await pem.text()).match(/BEGIN CERTIFICATE/g)).toHaveLength(2);
  });

  it('adds, lists, removes faults; reset returns the server to valid with none', async () => {
    const added = await api('POST', '/servers/ex1/faults', { type: 'close', name: 'fin' });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ type: 'close', name: 'fin', timeout: 0, toxicity: 1 });
    expect(added.body.explain).toMatch(/closes it cleanly \(FIN\) 0 ms later/);
    expect(await ex1()).toMatchObject({ ok: false, code: 'ECONNRESET' });
    const list = await api('GET', '/servers/ex1/faults');
    expect(list.body.faults.map((f: { name: string }) => f.name)).toEqual(['fin']);
    expect((await api('DELETE', '/servers/ex1/faults/fin')).status).toBe(204);
    expect(await ex1()).toEqual({ ok: true });
    await api('PUT', '/servers/ex1/faults', [{ type: 'down' }]);
    await api('PUT', '/servers/ex1/certificate', { profile: 'expired' });
    expect(await ex1()).toMatchObject({ ok: false, code: 'ECONNREFUSED' });
    const reset = await api('POST', '/servers/ex1/reset');
    expect(reset.body).toEqual({ server: 'ex1', faults: [] });
    expect(await ex1()).toEqual({ ok: true });
  });

  describe('bad input: a 400 naming the field and the allowed values, and the organization unchanged', () => {
    beforeEach(async () => {
      await api('PUT', '/servers/ex1/faults', [{ type: 'server-busy', name: 'busy' }]);
      await api('PUT', '/servers/ex1/certificate', { profile: 'wildcard' });
    });
    const unchanged = async () => {
      expect(mock.faults.list('ex1').map((f) => f.name)).toEqual(['busy']);
      expect(mock.certificates.profile('ex1').name).toBe('wildcard');
      expect(await ex1()).toEqual({ ok: true });
    };

    it.each([
      [
        'an unknown fault type',
        [{ type: 'slow' }],
        'faults[0].type',
        /unknown fault type "slow"; allowed: down, hang, reset, close, latency, slow-close, limit-data, soap-fault-500, server-busy, unauthorized, service-unavailable, mailbox-move-in-progress, callback-unreachable/,
      ],
      [
        'an attribute the type does not have',
        [{ type: 'latency', latency: 10, delay: 5 }],
        'faults[0].delay',
        /unknown attribute for latency; allowed: name, toxicity, latency, jitter, stream/,
      ],
      ['a missing required attribute', [{ type: 'limit-data' }], 'faults[0].bytes', /is required/],
      [
        'a value of the wrong kind',
        [{ type: 'latency', latency: 'fast' }],
        'faults[0].latency',
        /must be a whole number of milliseconds from 0 to 86400000, got "fast"/,
      ],
      [
        'an enum value not allowed',
        [{ type: 'server-busy', as: 'header' }],
        'faults[0].as',
        /must be one of fault, message/,
      ],
      ['a toxicity above 1', [{ type: 'hang', toxicity: 2 }], 'faults[0].toxicity', /must be a number from 0 to 1/],
      [
        'an unknown operation',
        [{ type: 'server-busy', operation: 'FindItems' }],
        'faults[0].operation',
        /must be one of .*GetFolder/,
      ],
      [
        'an unknown mailbox',
        [{ type: 'mailbox-move-in-progress', mailbox: 'zoe@example.test' }],
        'faults[0].mailbox',
        /must be one of alice@example.test/,
      ],
      [
        'a window that ends before it starts',
        [{ type: 'unauthorized', from: '2030-05-06T10:00:00Z', until: '2030-05-06T09:00:00Z' }],
        'faults[0].until',
        /must be later than from/,
      ],
      [
        'two faults with one name',
        [{ type: 'hang' }, { type: 'hang' }],
        'faults[1].name',
        /duplicate fault name "hang"/,
      ],
      ['not a list', { type: 'hang' }, 'faults', /must be a JSON list of faults/],
    ])('%s', async (_what, body, field, message) => {
      const res = await api('PUT', '/servers/ex1/faults', body);
      expect(res.status).toBe(400);
      expect(res.body.field).toBe(field);
      expect(res.body.error).toMatch(message);
      await unchanged();
    });

    it('an unknown profile', async () => {
      const res = await api('PUT', '/servers/ex1/certificate', { profile: 'self-signed' });
      expect(res).toMatchObject({ status: 400, body: { field: 'profile' } });
      expect(res.body.error).toContain(`allowed: ${PROFILE_NAMES.join(', ')}`);
      await unchanged();
    });

    it('a fault added under a name already used, or removed under a name not used', async () => {
      const dup = await api('POST', '/servers/ex1/faults', { type: 'hang', name: 'busy' });
      expect(dup).toMatchObject({ status: 400, body: { field: 'name' } });
      expect(dup.body.error).toMatch(/already has a fault named "busy"/);
      const missing = await api('DELETE', '/servers/ex1/faults/nope');
      expect(missing).toMatchObject({ status: 400, body: { field: 'name' } });
      expect(missing.body.error).toMatch(/has no fault named "nope"; it has: busy/);
      await unchanged();
    });

    it('an unknown server is a 404 naming the known ones', async () => {
      const res = await api('PUT', '/servers/ex9/faults', [{ type: 'hang' }]);
      expect(res).toMatchObject({
        status: 404,
        body: { field: 'server', error: 'server: unknown server "ex9"; known: ex1, ex2' },
      });
      await unchanged();
    });
  });
});
