import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CHROMIUM_NOTICE,
  type DashboardLab,
  HAS_CHROMIUM,
  launchChromium,
  openDashboard,
  pageProblems,
  screenshot,
  startDashboardLab,
} from '../../support/dashboard-browser.ts';
import { TEST_START } from '../../support/test-org.ts';

const row = (page: Page, host: string) => page.locator(`[data-test=status-area] tr[data-gateway^="${host}:"]`);
const ssl = (page: Page, host: string) => row(page, host).locator('[data-test=ssl] .label');
const presence = (page: Page, user: string) => page.locator(`tr[data-user=${user}] [data-test=presence]`);

describe.skipIf(!HAS_CHROMIUM)(`dashboard actions in Chromium${CHROMIUM_NOTICE}`, () => {
  let browser: Browser;
  let h: DashboardLab;
  beforeAll(async () => {
    [browser, h] = await Promise.all([launchChromium(), startDashboardLab()]);
  });
  afterAll(async () => {
    await browser?.close();
    await h?.stop();
  });

  it('Certificate Viewer: Accept Certificate Chain + Save trusts a self-signed Exchange, then the restart banner', async () => {
    const { lab } = h.live;
    const page = await openDashboard(browser, h.url, 'exchange');
    await page.selectOption('[data-server=ex1] select[name=profile]', 'exchange-self-signed');
    await expect.poll(() => lab.exchange.certificates.profile('ex1').name).toBe('exchange-self-signed');

    await page.goto(`${h.url}#/gateways`);
    await ssl(page, 'ex1.example.test').filter({ hasText: 'Failed - Certificate Missing From Chain' }).waitFor();
    expect(await row(page, 'ex1.example.test').textContent()).toContain('Recommended action: Open Configure/View');
    await row(page, 'ex1.example.test').getByRole('button', { name: 'Configure/View' }).click();
    const viewer = page.locator('[data-test=certificate-viewer]');
    await viewer.locator('table.chain tbody tr').first().waitFor();
    expect(await viewer.locator('table.chain tbody tr').getAttribute('data-status')).toBe('Untrusted');
    expect(await viewer.locator('[data-test=viewer-ssl]').textContent()).toBe(
      'Failed - Certificate Missing From Chain',
    );
    expect(await viewer.locator('[data-test=viewer-save]').isDisabled()).toBe(true);
    await viewer.getByLabel('Accept Certificate Chain').check();
    await screenshot(page, 'certificate-viewer', page.locator('[data-test=status-area]'));
    await viewer.locator('[data-test=viewer-save]').click();
    await viewer.getByRole('status').filter({ hasText: '1 certificate(s) added to cup-trust.' }).waitFor();
    expect(await viewer.locator('[data-test=viewer-ssl]').textContent()).toBe('Verified');
    expect(lab.imp.config.trust.list('cup-trust').map((c) => c.filename)).toContain(
      'accepted-from-ex1.example.test.pem',
    );
    await ssl(page, 'ex1.example.test')
      .filter({ hasText: /^Verified$/ })
      .waitFor();
    const banner = page.locator('[data-test=restart-banner]');
    await banner.waitFor();

    await banner.locator('[data-test=engine-restart]').click();
    await banner.waitFor({ state: 'hidden' });
    expect(lab.imp.engine.restartRequired()).toBe(false);
    expect(pageProblems(page)).toEqual([]);
    await page.close();
  });

  it('a fault switched on the Exchange page shows in the status area open in another tab, and clears', async () => {
    const { lab } = h.live;
    const gateways = await openDashboard(browser, h.url, 'gateways');
    await ssl(gateways, 'ex2.example.test')
      .filter({ hasText: /^Verified$/ })
      .waitFor();
    const exchange = await openDashboard(browser, h.url, 'exchange');
    await exchange.locator('[data-server=ex2] input[data-fault=down]').check();
    await expect.poll(() => lab.exchange.faults.list('ex2').map((f) => f.type)).toEqual(['down']);
    // The Gateways tab was not touched: the change reaches it over /live.
    await ssl(gateways, 'ex2.example.test').filter({ hasText: 'Failed - Network Error' }).waitFor();
    expect(await row(gateways, 'ex2.example.test').textContent()).toContain(
      'Recommended action: Check that the Presence Gateway Port is right',
    );
    await screenshot(gateways, 'presence-gateways');
    await exchange.locator('[data-server=ex2] input[data-fault=down]').uncheck();
    await ssl(gateways, 'ex2.example.test')
      .filter({ hasText: /^Verified$/ })
      .waitFor();
    expect(lab.exchange.faults.list('ex2')).toEqual([]);
    expect(pageProblems(gateways)).toEqual([]);
    expect(pageProblems(exchange)).toEqual([]);
    await gateways.close();
    await exchange.close();
  });

  it('the board shows alice In a meeting once the clock passes her meeting start, live; calendaring off clears it', async () => {
    const { lab } = h.live;
    lab.imp.presence.setClient('alice', 'available'); // alice's client is logged in: Offline would win
    const page = await openDashboard(browser, h.url, 'users');
    await presence(page, 'alice')
      .filter({ hasText: /^Available$/ })
      .waitFor();
    const marker = page.locator('tr[data-user=alice] [data-test=now-marker]');
    const before = await marker.evaluate((e) => (e as HTMLElement).style.left);
    await page.locator('[data-test=clock] input[name=to]').fill('09:02');
    await page.locator('[data-test=clock-jump]').click();
    await page.locator('[data-test=clock-time]', { hasText: '09:02:00 UTC' }).waitFor();
    await presence(page, 'alice')
      .filter({ hasText: /^In a meeting$/ })
      .waitFor();
    expect(lab.clock.now()).toBe(TEST_START + 62 * 60_000);
    expect(await presence(page, 'bob').textContent()).toBe('Offline');
    expect(await marker.evaluate((e) => (e as HTMLElement).style.left)).not.toBe(before);
    await screenshot(page, 'users');

    // A jump into the past is refused next to the field; time does not move.
    await page.locator('[data-test=clock] input[name=to]').fill('08:00');
    await page.locator('[data-test=clock-jump]').click();
    await expect
      .poll(() => page.locator('[data-test=clock] [data-error-for=to]').textContent())
      .toMatch(/is in the past: virtual time only moves forward/);
    expect(lab.clock.now()).toBe(TEST_START + 62 * 60_000);

    await page.locator('tr[data-user=alice] input[data-toggle=calendaring]').uncheck();
    await presence(page, 'alice')
      .filter({ hasText: /^Available$/ })
      .waitFor();
    expect(lab.imp.config.users.get('alice')?.calendaring).toBe(false);
    expect(pageProblems(page)).toEqual([]);
    await page.close();
  });

  it('clock controls: x600 runs ten minutes a second until paused', async () => {
    const { live } = h;
    const page = await openDashboard(browser, h.url, 'users');
    const from = live.clock.now();
    await page.locator('[data-test=clock] button[data-speed="600"]').click();
    await page.locator('[data-test=clock-mode]', { hasText: 'paused' }).waitFor();
    await page.locator('[data-test=clock-pause]').click();
    await page.locator('[data-test=clock-mode]', { hasText: 'running x600' }).waitFor();
    await page.waitForFunction(
      (t) => Number(document.querySelector('[data-test=clock]')?.getAttribute('data-now')) > t,
      from + 5 * 60_000,
    );
    await page.locator('[data-test=clock-pause]').click();
    await page.locator('[data-test=clock-mode]', { hasText: 'paused' }).waitFor();
    expect(live.driver.state()).toMatchObject({ paused: true, speed: 600 });
    expect(live.clock.now()).toBeGreaterThan(from + 5 * 60_000);
    await page.close();
  });
});
