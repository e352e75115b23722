import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MockExchange } from '../../../../mock-exchange/mock-exchange.ts';
import { admin } from '../../../support/admin-client.ts';
import { getFolder } from '../../../support/ews-request-bodies.ts';
import { postEws } from '../../../support/https-post.ts';
import { startMock } from '../../../support/mock-server.ts';
import { soapEnvelope } from '../../../support/soap-envelope.ts';

describe('admin API: a server’s release, authentication and throttling at run time', () => {
  let mock: MockExchange;
  beforeEach(async () => {
    mock = await startMock();
  });
  afterEach(async () => {
    await mock?.stop();
  });

  it('switching Basic off: the next Basic request gets 401 naming only Negotiate and NTLM', async () => {
    expect(
      (await postEws(mock, soapEnvelope(getFolder('calendar'), { impersonate: 'alice@example.test' }))).status,
    ).toBe(200);
    const r = await admin<{ authentication: unknown }>(mock, 'PUT', '/servers/ex1/authentication', {
      methods: ['NTLM', 'Negotiate'],
    });
    expect(r.status).toBe(200);
    expect(r.body.authentication).toEqual({ methods: ['Negotiate', 'NTLM'], ntlm: ['NTLMv1', 'NTLMv2'] });
    const res = await postEws(mock, soapEnvelope(getFolder('calendar'), { impersonate: 'alice@example.test' }));
    expect([res.status, res.headers?.['www-authenticate']]).toEqual([401, 'Negotiate, NTLM']);
    expect(
      (await postEws(mock, soapEnvelope(getFolder('calendar'), { impersonate: 'bob@example.test' }), { server: 'ex2' }))
        .status,
    ).toBe(200);
  });

  it('bad input is refused naming the field and changes nothing', async () => {
    const bad = await admin<{ error: string }>(mock, 'PUT', '/servers/ex1/authentication', { methods: [] });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('authentication.methods: needs at least one of Negotiate, NTLM, Basic');
    const throttling = await admin(mock, 'PUT', '/servers/ex1/throttling', { EWSMaxConcurrency: 0 });
    expect(throttling.status).toBe(400);
    expect(JSON.stringify(throttling.body)).toContain(
      'throttling.EWSMaxConcurrency: must be a positive integer or null',
    );
    expect((await admin(mock, 'PUT', '/servers/nope/version', { version: '2013' })).status).toBe(404);
    expect(
      (await postEws(mock, soapEnvelope(getFolder('calendar'), { impersonate: 'alice@example.test' }))).status,
    ).toBe(200);
  });

  it('becoming Exchange 2010 SP2: its ServerVersionInfo, Exchange2013 refused, its EWSMaxConcurrency default 10', async () => {
    const r = await admin<{ throttling: { EWSMaxConcurrency: number } }>(mock, 'PUT', '/servers/ex1/version', {
      version: '2010-SP2',
    });
    expect(r.body.throttling.EWSMaxConcurrency).toBe(10);
    const res = await postEws(
      mock,
      soapEnvelope(getFolder('calendar'), { impersonate: 'alice@example.test', version: 'Exchange2013' }),
    );
    expect(res.status).toBe(500);
    expect(res.body).toContain('ErrorInvalidServerVersion');
    const ok = await postEws(
      mock,
      soapEnvelope(getFolder('calendar'), { impersonate: 'alice@example.test', version: 'Exchange2010_SP2' }),
    );
    expect(ok.body).toContain('MajorVersion="14" MinorVersion="2" MajorBuildNumber="247" MinorBuildNumber="5"');
  });
});
