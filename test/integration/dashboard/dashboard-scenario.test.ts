import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
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

const SCENARIO = 'ssl-certificate-missing-from-chain';
const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

/** Click Step and wait until that step has run (passed or failed). */
async function step(page: Page, index: number): Promise<string> {
  const row = page.locator(`[data-test=steps] > li[data-step="${index}"]`);
  await row.and(page.locator('[data-state=next]')).waitFor();
  await page.locator('[data-test=scenario-step]').click();
  await row.and(page.locator('[data-state=passed], [data-state=failed]')).waitFor();
  return (await row.getAttribute('data-state')) ?? '';
}

const ssl = (page: Page) =>
  page.locator('[data-test=status-area] tr[data-gateway^="ex1.example.test:"] [data-test=ssl] .label');

describe.skipIf(!HAS_CHROMIUM)(`dashboard Scenarios page in Chromium${CHROMIUM_NOTICE}`, () => {
  let browser: Browser;
  let h: DashboardLab;
  beforeAll(async () => {
    [browser, h] = await Promise.all([
      launchChromium(),
      startDashboardLab({ scenarioFiles: [join(FIXTURES, 'dashboard-wrong-expectation.yaml')] }),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await h?.stop();
  });

  it('plays Certificate Missing From Chain step by step: the status goes from failed to Verified, each expectation green', async () => {
    const page = await openDashboard(browser, h.url, 'scenarios');
    await page.locator(`[data-scenario=${SCENARIO}] button`).click();
    await page.locator('[data-test=scenario-load]').click();
    await page.locator('body[data-lab-kind=scenario]').waitFor();
    expect(await page.locator('[data-test=lab-title]').textContent()).toBe(
      'Scenario lab: SSL Connection/Certificate Verification Failed - Certificate Missing From Chain · IM&P 15',
    );
    const steps = page.locator('[data-test=steps] > li');
    const total = await steps.count();
    expect(total).toBeGreaterThan(8);
    // Before anything runs, the first expectations are listed as pending.
    expect(await page.locator('[data-step="1"] [data-test=check]').first().getAttribute('data-ok')).toBe('pending');

    expect(await step(page, 0)).toBe('passed');
    expect(await page.locator('[data-test=narration]').textContent()).toContain(
      'IIS binding serves only the server certificate',
    );
    expect(await step(page, 1)).toBe('passed');
    const firstChecks = page.locator('[data-step="1"] [data-test=check]');
    expect(await firstChecks.evaluateAll((els) => els.map((e) => e.getAttribute('data-ok')))).toEqual(
      expect.arrayContaining(['true']),
    );
    expect(await firstChecks.filter({ hasText: 'Failed - Certificate Missing From Chain' }).count()).toBe(1);
    await ssl(page).filter({ hasText: 'Failed - Certificate Missing From Chain' }).waitFor();
    for (let i = 2; i < 5; i++) expect(await step(page, i)).toBe('passed');
    await screenshot(page, 'scenarios');
    expect(await ssl(page).textContent()).toBe('Failed - Certificate Missing From Chain');
    for (let i = 5; i < total; i++) expect(await step(page, i)).toBe('passed');
    // The status area the page shows went from failed to Verified once cup-trust had the CA.
    await ssl(page)
      .filter({ hasText: /^Verified$/ })
      .waitFor();
    expect(await page.locator('[data-test=phase]').textContent()).toMatch(/^finished/);
    const checks = await page
      .locator('[data-test=check]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-ok')));
    expect(checks.length).toBeGreaterThan(5);
    expect(new Set(checks)).toEqual(new Set(['true']));
    expect(await page.locator('[data-test=scenario-step]').isDisabled()).toBe(true);

    // The other pages show the scenario's lab while it is loaded.
    await page.goto(`${h.url}#/gateways`);
    await expect.poll(() => page.locator('[data-test=gateways] tbody tr').count()).toBe(1);
    await ssl(page)
      .filter({ hasText: /^Verified$/ })
      .waitFor();

    // Reset builds the lab afresh: failed again, nothing run yet.
    await page.goto(`${h.url}#/scenarios`);
    await page.locator('[data-test=scenario-reset]').click();
    await page.locator('[data-test=steps] > li[data-step="0"][data-state=next]').waitFor();
    expect(await page.locator('[data-test=steps] > li[data-state=passed]').count()).toBe(0);
    await ssl(page).filter({ hasText: 'Failed - Certificate Missing From Chain' }).waitFor();

    // Back to the live lab: its two gateways, untouched.
    await page.locator('[data-test=scenario-leave]').click();
    await page.locator('body[data-lab-kind=live]').waitFor();
    await page.goto(`${h.url}#/gateways`);
    await expect.poll(() => page.locator('[data-test=gateways] tbody tr').count()).toBe(2);
    expect(pageProblems(page)).toEqual([]);
    await page.close();
  });

  it('Play runs every step at the chosen pace; a wrong expectation turns red with expected and observed', async () => {
    const page = await openDashboard(browser, h.url, 'scenarios');
    await page.locator('[data-scenario=dashboard-wrong-expectation] button').click();
    await page.locator('[data-test=scenario-load]').click();
    await page.locator('[data-test=steps] > li[data-step="0"][data-state=next]').waitFor();
    await page.selectOption('select[name=pace]', '0');
    await page.locator('[data-test=scenario-play]').click();
    await page.locator('[data-test=phase]', { hasText: /^finished/ }).waitFor();
    const states = await page
      .locator('[data-test=steps] > li')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-state')));
    expect(states).toEqual(['passed', 'passed', 'failed', 'passed', 'passed']);
    const red = page.locator('[data-step="2"] [data-test=check][data-ok=false]');
    expect(await red.textContent()).toBe('✘ presence alice: Available (expected In a meeting)');
    expect(await page.locator('[data-step="4"] [data-test=check]').getAttribute('data-ok')).toBe('true');
    expect(pageProblems(page)).toEqual([]);
    await page.locator('[data-test=scenario-leave]').click();
    await page.locator('body[data-lab-kind=live]').waitFor();
    await page.close();
  });
});
