import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Lab, virtualLab } from '../../../lab/create-lab.ts';
import { rawRequest, wsHandshake } from '../../support/raw-http.ts';
import { TEST_START, testOrgConfig } from '../../support/test-org.ts';

/**
 * The lab's two admin APIs want the lab's token on every route and on /events, answer only to the names
 * they listen on (DNS rebinding), and open /events only to their own pages or to clients that are no browser.
 */
describe('admin APIs: token, Host allow-list, same-origin WebSockets', () => {
  let lab: Lab;
  const apis = (): [string, string, string, string, string][] => [
    ['IM&P', lab.impAdminUrl, '/api/gateways', 'POST', '/api/engine/start'],
    ['Exchange', lab.exchangeAdminUrl, '/api/fault-types', 'PUT', '/api/servers/ex1/faults'],
  ];
  beforeAll(async () => {
    const org = testOrgConfig();
    org.servers = org.servers.map((s, i) => ({ ...s, ip: `127.0.79.${i + 1}` }));
    lab = await virtualLab(TEST_START, { org, startEngine: false });
  });
  afterAll(async () => {
    await lab?.stop();
  });

  it('a lab gets a fresh 256-bit token: 43 URL-safe characters, different for each lab', async () => {
    expect(lab.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const org = testOrgConfig();
    org.servers = org.servers.map((s, i) => ({ ...s, ip: `127.0.80.${i + 1}` }));
    const other = await virtualLab(TEST_START, { org, startEngine: false, provision: false, exchangeAdminPort: null });
    try {
      expect(other.token).not.toBe(lab.token);
    } finally {
      await other.stop();
    }
  });

  it('without the token, or with a wrong one, every route is 401 with a JSON error and nothing changes', async () => {
    for (const [name, base, read, method, change] of apis()) {
      const refused: Record<string, string>[] = [
        {},
        { authorization: 'Bearer wrong' },
        { authorization: `Basic ${lab.token}` },
      ];
      for (const headers of refused) {
        const r = await rawRequest(`${base}${read}`, 'GET', headers);
        expect(r.status, `${name} GET ${JSON.stringify(headers)}`).toBe(401);
        expect(r.body.code).toBe('UNAUTHORIZED');
        expect(r.body.error).toMatch(/Admin token required: send "Authorization: Bearer <token>"/);
        expect(r.headers['www-authenticate']).toBe('Bearer realm="pgsim"');
        expect((await rawRequest(`${base}${change}`, method, headers, [{ type: 'down' }])).status).toBe(401);
        // Unknown routes too: nothing about the API is told without the token.
        expect((await rawRequest(`${base}/api/nothing-here`, 'GET', headers)).status).toBe(401);
      }
    }
    expect(lab.imp.engine.state).toBe('stopped');
    expect(lab.exchange.faults.list('ex1')).toEqual([]);
    const auth = { authorization: `Bearer ${lab.token}` };
    expect((await rawRequest(`${lab.impAdminUrl}/api/gateways`, 'GET', auth)).status).toBe(200);
    expect((await rawRequest(`${lab.exchangeAdminUrl}/api/fault-types`, 'GET', auth)).status).toBe(200);
  });

  it('a Host that is not this server (DNS rebinding) is 421 even with the token; its own names pass', async () => {
    const auth = { authorization: `Bearer ${lab.token}` };
    for (const [name, base, read] of apis()) {
      const port = new URL(base).port;
      for (const host of [`attacker.example:${port}`, `127.0.0.2:${port}`, 'attacker.example', `[::2]:${port}`]) {
        const r = await rawRequest(`${base}${read}`, 'GET', { ...auth, host });
        expect(r.status, `${name} Host ${host}`).toBe(421);
        expect(r.body).toMatchObject({ code: 'UNKNOWN_HOST' });
      }
      for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST.:${port}`, `[::1]:${port}`]) {
        expect((await rawRequest(`${base}${read}`, 'GET', { ...auth, host })).status, `${name} Host ${host}`).toBe(200);
      }
    }
  });

  it('/events: 401 without the token, 403 from another origin, 421 for another Host, open with the token', async () => {
    const auth = { authorization: `Bearer ${lab.token}` };
    for (const [name, base] of apis()) {
      const url = `${(base).replace('http:', 'ws:')}/events`;
      const port = new URL(base).port;
      const none = await wsHandshake(url, {});
      expect(none.status, `${name} no token`).toBe(401);
      expect(none.body?.code).toBe('UNAUTHORIZED');
      expect((await wsHandshake(url, { authorization: 'Bearer wrong' })).status).toBe(401);
      const evil = await wsHandshake(url, { ...auth, origin: 'http://evil.example' });
      expect(evil.status, `${name} cross-origin`).toBe(403);
      expect(evil.body?.code).toBe('CROSS_ORIGIN');
      // A rebound page is same-origin with itself: Host and Origin agree, and the Host check refuses it.
      const rebound = { ...auth, host: `attacker.example:${port}`, origin: `http://attacker.example:${port}` };
      expect((await wsHandshake(url, rebound)).status, `${name} rebound`).toBe(421);
      expect((await wsHandshake(url, { ...auth, origin: base })).status, `${name} own origin`).toBe(101);
      expect((await wsHandshake(url, auth)).status, `${name} no Origin`).toBe(101);
    }
  });
});
