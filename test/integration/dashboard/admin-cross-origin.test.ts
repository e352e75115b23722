import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Lab, virtualLab } from '../../../lab/create-lab.ts';
import { rawRequest } from '../../support/raw-http.ts';
import { TEST_START, testOrgConfig } from '../../support/test-org.ts';

const EVIL = { origin: 'http://evil.example' };

describe('admin APIs refuse changes from other origins and bind to 127.0.0.1', () => {
  let lab: Lab;
  /** With the lab's token: what is refused here is refused for the Origin alone. */
  const call = (url: string, method: string, headers: Record<string, string>, body?: unknown) =>
    rawRequest(url, method, { authorization: `Bearer ${lab.token}`, ...headers }, body);
  beforeAll(async () => {
    const org = testOrgConfig();
    org.servers = org.servers.map((s, i) => ({ ...s, ip: `127.0.77.${i + 1}` }));
    lab = await virtualLab(TEST_START, { org, startEngine: false });
  });
  afterAll(async () => {
    await lab?.stop();
  });

  it('both listen on 127.0.0.1 by default', () => {
    expect(lab.impAdminUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(lab.exchangeAdminUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('IM&P: a cross-site gateway add, trust delete or engine start is 403 and changes nothing', async () => {
    const gateways = lab.imp.config.gateways.list().length;
    const trust = lab.imp.config.trust.list('cup-trust').length;
    const api = `${lab.impAdminUrl}/api`;
    const add = await call(`${api}/gateways`, 'POST', EVIL, { host: 'ex9.example.test', port: 443 });
    expect(add.status).toBe(403);
    expect(add.body.code).toBe('CROSS_ORIGIN');
    const fp = lab.imp.config.trust.list('cup-trust')[0]?.fingerprint ?? '';
    expect((await call(`${api}/trust/cup-trust/${encodeURIComponent(fp)}`, 'DELETE', EVIL)).status).toBe(403);
    expect((await call(`${api}/engine/start`, 'POST', { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect(lab.imp.config.gateways.list()).toHaveLength(gateways);
    expect(lab.imp.config.trust.list('cup-trust')).toHaveLength(trust);
    expect(lab.imp.engine.state).toBe('stopped');
    // Reading is not a change: a page elsewhere cannot read it either (no CORS headers), but the request is served.
    expect((await call(`${api}/gateways`, 'GET', EVIL)).status).toBe(200);
  });

  it('IM&P: the same change from its own origin, or from the CLI (no Origin), goes through', async () => {
    const api = `${lab.impAdminUrl}/api`;
    const own = { origin: lab.impAdminUrl, 'sec-fetch-site': 'same-origin' };
    expect((await call(`${api}/gateways`, 'POST', own, { host: 'ex8.example.test', port: 443 })).status).toBe(201);
    expect((await call(`${api}/gateways`, 'POST', {}, { host: 'ex7.example.test', port: 443 })).status).toBe(201);
    expect(lab.imp.config.gateways.list().map((g) => g.host)).toEqual(
      expect.arrayContaining(['ex8.example.test', 'ex7.example.test']),
    );
  });

  it('Exchange: cross-site faults, certificate profile and mailbox move are 403 and change nothing', async () => {
    const api = `${lab.exchangeAdminUrl}/api`;
    expect((await call(`${api}/servers/ex1/faults`, 'PUT', EVIL, [{ type: 'down' }])).status).toBe(403);
    expect((await call(`${api}/servers/ex1/certificate`, 'PUT', EVIL, { profile: 'expired' })).status).toBe(403);
    const move = await call(`${api}/mailboxes/alice@example.test/move`, 'POST', EVIL, { server: 'ex2' });
    expect(move.status).toBe(403);
    expect(move.body.error).toMatch(/Cross-origin request refused/);
    expect(lab.exchange.faults.list('ex1')).toEqual([]);
    expect(lab.exchange.certificates.profile('ex1').name).toBe('valid');
    expect(lab.exchange.org.mailbox('alice@example.test')?.homeServer).toBe('ex1');
    const own = { origin: lab.exchangeAdminUrl };
    expect((await call(`${api}/servers/ex1/faults`, 'PUT', own, [{ type: 'latency', latency: 5 }])).status).toBe(200);
    expect(lab.exchange.faults.list('ex1').map((f) => f.type)).toEqual(['latency']);
  });
});
