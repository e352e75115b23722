import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DashboardLab, startDashboardLab } from '../../support/dashboard-browser.ts';
import { rawRequest, wsHandshake } from '../../support/raw-http.ts';

/** The dashboard: the lab's token in the printed link, then an HttpOnly SameSite=Strict cookie for this port. */
describe('dashboard access: the token link, the cookie, the Host', () => {
  let h: DashboardLab;
  let port: string;
  let cookie: string;
  beforeAll(async () => {
    h = await startDashboardLab();
    port = new URL(h.url).port;
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('prints a login address carrying the lab token', () => {
    expect(h.loginUrl).toBe(`${h.url}?token=${h.live.lab.token}`);
  });

  it('without the cookie or the token, the page, its assets, every API and /live are 401', async () => {
    for (const path of ['', 'dashboard.js', 'api/status', 'imp/api/gateways', 'exchange/api/servers']) {
      const r = await rawRequest(`${h.url}${path}`, 'GET', {});
      expect(r.status, path).toBe(401);
      expect(r.body.code).toBe('UNAUTHORIZED');
      expect(r.body.error).toMatch(/open the dashboard address the lab printed, with \?token=/);
    }
    expect((await rawRequest(`${h.url}api/clock`, 'POST', {}, { action: 'resume' })).status).toBe(401);
    expect(h.live.driver.state().paused).toBe(true);
    expect((await wsHandshake(`${h.url.replace('http:', 'ws:')}live`, {})).status).toBe(401);
    const wrong = await rawRequest(`${h.url}?token=not-the-token`, 'GET', {});
    expect(wrong.status).toBe(401);
    expect(wrong.headers['set-cookie']).toBeUndefined();
  });

  it('the token link sets an HttpOnly, SameSite=Strict cookie named for the port and redirects to the clean address', async () => {
    const r = await rawRequest(`${h.url}?token=${h.live.lab.token}`, 'GET', {});
    expect(r.status).toBe(303);
    expect(r.headers.location).toBe('/');
    expect(r.headers['set-cookie']).toEqual([
      `pgsim_token_${port}=${h.live.lab.token}; Path=/; HttpOnly; SameSite=Strict`,
    ]);
    cookie = `pgsim_token_${port}=${h.live.lab.token}`;
    // Other query parameters survive the redirect.
    const kept = await rawRequest(`${h.url}?a=1&token=${h.live.lab.token}`, 'GET', {});
    expect(kept.headers.location).toBe('/?a=1');
  });

  it('with the cookie: the page, the APIs and /live; a cookie for another port, or a rebound Host, is refused', async () => {
    expect((await rawRequest(h.url, 'GET', { cookie })).status).toBe(200);
    expect((await rawRequest(`${h.url}imp/api/gateways`, 'GET', { cookie })).status).toBe(200);
    expect(
      (await wsHandshake(`${h.url.replace('http:', 'ws:')}live`, { cookie, origin: h.url.slice(0, -1) })).status,
    ).toBe(101);
    const otherPort = `pgsim_token_${Number(port) + 1}=${h.live.lab.token}`;
    expect((await rawRequest(h.url, 'GET', { cookie: otherPort })).status).toBe(401);
    const rebound = { cookie, host: `attacker.example:${port}` };
    expect((await rawRequest(`${h.url}imp/api/gateways`, 'GET', rebound)).status).toBe(421);
    expect((await rawRequest(`${h.url}?token=${h.live.lab.token}`, 'GET', rebound)).status).toBe(421);
    const live = `${h.url.replace('http:', 'ws:')}live`;
    expect((await wsHandshake(live, { ...rebound, origin: `http://attacker.example:${port}` })).status).toBe(421);
    expect((await wsHandshake(live, { cookie, origin: 'http://127.0.0.1:1' })).status).toBe(403);
  });
});
