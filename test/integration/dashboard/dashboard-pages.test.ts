import { X509Certificate } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SSL_HELP } from '../../../gateway/status/status-labels.ts';
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

const ssl = (page: Page, host: string) =>
  page.locator(`[data-test=status-area] tr[data-gateway^="${host}:"] [data-test=ssl] .label`);

describe.skipIf(!HAS_CHROMIUM)(`dashboard pages in Chromium${CHROMIUM_NOTICE}`, () => {
  let browser: Browser;
  let h: DashboardLab;
  beforeAll(async () => {
    [browser, h] = await Promise.all([launchChromium(), startDashboardLab()]);
  });
  afterAll(async () => {
    await browser?.close();
    await h?.stop();
  });

  it('serves everything from 127.0.0.1 and loads with no script errors and no request elsewhere', async () => {
    expect(h.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const page = await browser.newPage();
    const elsewhere: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(h.url) && !r.url().startsWith(h.url.replace('http:', 'ws:'))) elsewhere.push(r.url());
    });
    await page.goto(h.loginUrl);
    await page.waitForURL(h.url);
    await page.locator('body[data-live="connected"]').waitFor();
    expect(elsewhere).toEqual([]);
    await page.close();
  });

  it('Presence Gateways: the list, the status area with explanations, cup-trust', async () => {
    const page = await openDashboard(browser, h.url, 'gateways');
    await expect.poll(() => page.locator('[data-test=gateways] tbody tr').count()).toBe(2);
    await ssl(page, 'ex1.example.test').filter({ hasText: 'Verified' }).waitFor();
    await ssl(page, 'ex2.example.test').filter({ hasText: 'Verified' }).waitFor();
    const reach = page.locator('[data-test=status-area] [data-test=reachability] .label');
    expect(await reach.allTextContents()).toEqual(['pingable', 'pingable']);
    expect(await page.locator('[data-test=status-area]').textContent()).toContain(SSL_HELP.Verified.explanation);
    expect(await page.locator('[data-test=trust] tbody tr').count()).toBe(1);
    expect(await page.locator('[data-test=restart-banner]').isHidden()).toBe(true);
    await page.locator('[data-test=log] li').first().waitFor();
    expect(pageProblems(page)).toEqual([]);
    await page.close();
  });

  it('Users: a row per user with presence, subscription, toggles and a day strip marking now', async () => {
    h.live.lab.imp.presence.setClient('carol', 'available'); // carol is logged in: her calendar's OOF shows
    const page = await openDashboard(browser, h.url, 'users');
    const rows = page.locator('[data-test=users] tbody tr');
    await expect.poll(() => rows.count()).toBe(5);
    // carol's client login reaches the page through the live feed, possibly after the first render
    await expect.poll(() => page.locator('tr[data-user=carol] [data-test=presence]').textContent()).toBe('Away');
    expect(await page.locator('tr[data-user=alice] [data-test=presence]').textContent()).toBe('Offline');
    expect(await page.locator('tr[data-user=alice] [data-test=subscription]').textContent()).toBe('subscribed');
    expect(await page.locator('tr[data-user=alice] .meeting').getAttribute('data-subject')).toBe('Design review');
    expect(await page.locator('[data-test=now-marker]').count()).toBe(5);
    expect(await page.locator('tr[data-user=alice] input[data-toggle=calendaring]').isChecked()).toBe(true);
    expect(pageProblems(page)).toEqual([]);
    await page.close();
  });

  it('Exchange: servers with profile and fault switches, mailboxes with meetings; screenshot', async () => {
    const page = await openDashboard(browser, h.url, 'exchange');
    await page.locator('[data-server=ex1] select[name=profile]').waitFor();
    expect(await page.locator('[data-server=ex1] select[name=profile]').inputValue()).toBe('valid');
    expect(await page.locator('[data-server=ex1] input[data-fault=down]').isChecked()).toBe(false);
    expect(await page.locator('[data-mailbox]').count()).toBe(5);
    const alice = page.locator('[data-mailbox="alice@example.test"]');
    expect(await alice.locator('li[data-meeting="Design review"]').textContent()).toContain('09:00–09:30');
    expect(await page.locator('[data-server=ex1] a', { hasText: 'Export CA chain' }).getAttribute('href')).toBe(
      '/exchange/api/servers/ex1/ca-certificates.pem',
    );
    await screenshot(page, 'exchange');
    expect(pageProblems(page)).toEqual([]);
    await page.close();
  });

  it('the log panel streams the journal and filters it by user and by server', async () => {
    const page = await openDashboard(browser, h.url, 'users');
    const entries = page.locator('[data-test=log] li');
    await entries.first().waitFor();
    const all = await entries.count();
    await page.selectOption('select[name=log-user]', 'alice');
    const forAlice = await entries.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.users ?? ''));
    expect(forAlice.length).toBeGreaterThan(0);
    expect(forAlice.length).toBeLessThan(all);
    for (const users of forAlice) expect(users.split(' ')).toContain('alice');
    await page.selectOption('select[name=log-user]', '');
    await page.selectOption('select[name=log-server]', 'ex2');
    const forEx2 = await entries.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.servers ?? ''));
    expect(forEx2.length).toBeGreaterThan(0);
    for (const servers of forEx2) expect(servers.split(' ')).toContain('ex2');
    // A new entry arrives live and passes the filter: a certificate profile change on ex2.
    await h.live.lab.exchange.setCertificateProfile('ex2', 'valid');
    await page.locator('[data-test=log] li', { hasText: 'certificate profile valid' }).waitFor();
    await page.close();
  });

  it('bad input in forms is refused with a message next to the field, and nothing changes', async () => {
    const { lab } = h.live;
    const page = await openDashboard(browser, h.url, 'gateways');
    const form = page.locator('[data-test=gateway-form]');
    await form.locator('input[name=host]').fill('ex9..example.test');
    await form.locator('[data-test=gateway-save]').click();
    await expect
      .poll(() => form.locator('[data-error-for=host]').textContent())
      .toBe('"ex9..example.test" is not a valid FQDN or IP address');
    await form.locator('input[name=host]').fill('ex9.example.test');
    await form.locator('input[name=port]').fill('70000');
    await form.locator('[data-test=gateway-save]').click();
    await expect.poll(() => form.locator('[data-error-for=port]').textContent()).toMatch(/from 1 to 65535/);
    expect(await form.locator('[data-error-for=host]').textContent()).toBe('');
    expect(lab.imp.config.gateways.list()).toHaveLength(2);

    await page.goto(`${h.url}#/exchange`);
    const add = page.locator('[data-mailbox="bob@example.test"] form[data-test=add-meeting]');
    await add.locator('input[name=start]').fill('10:00');
    await add.locator('input[name=end]').fill('11:00');
    await add.locator('button[type=submit]').click();
    await expect
      .poll(() => add.locator('[data-error-for=subject]').textContent())
      .toBe('Enter a title for the meeting');
    await add.locator('input[name=subject]').fill('Retro');
    await add.locator('input[name=start]').fill('11:00');
    await add.locator('input[name=end]').fill('10:30');
    await add.locator('button[type=submit]').click();
    await expect.poll(() => add.locator('[data-error-for=end]').textContent()).toBe('End must be after the start');
    expect(await add.locator('[data-error-for=subject]').textContent()).toBe('');
    expect(lab.exchange.admin.meetings('bob@example.test').map((m) => m.subject)).toEqual([
      'Maybe: vendor call',
      'Lunch',
    ]);
    // The same form with good values goes through, and the page shows the new meeting.
    await add.locator('input[name=end]').fill('11:30');
    await add.locator('button[type=submit]').click();
    await page.locator('[data-mailbox="bob@example.test"] li[data-meeting=Retro]').waitFor();
    expect(lab.exchange.admin.meetings('bob@example.test').map((m) => m.subject)).toContain('Retro');
    expect(pageProblems(page)).toEqual([]);
    await page.close();
  });

  it('Presence Gateways: add, edit and delete a gateway; the status area and the restart banner follow', async () => {
    const { lab } = h.live;
    const page = await openDashboard(browser, h.url, 'gateways');
    const form = page.locator('[data-test=gateway-form]');
    await form.locator('input[name=description]').fill('Exchange server in the other site');
    await form.locator('input[name=host]').fill('ex9.example.test');
    await form.locator('[data-test=gateway-save]').click();
    const added = page.locator('[data-test=gateways] tr[data-gateway="ex9.example.test:443"]');
    await added.waitFor();
    expect(await added.textContent()).toContain('Exchange server in the other site');
    // The name resolves nowhere: both tests fail for it, with the recommended action.
    const status = page.locator('[data-test=status-area] tr[data-gateway="ex9.example.test:443"]');
    await status.locator('[data-test=ssl] .label', { hasText: /^Failed$/ }).waitFor();
    expect(await status.locator('[data-test=reachability] .label').textContent()).toBe('unreachable');
    await page.locator('[data-test=restart-banner]').waitFor();

    await added.getByRole('button', { name: 'Edit' }).click();
    await form.locator('input[name=port]').fill('8443');
    await form.locator('[data-test=gateway-save]').click();
    const edited = page.locator('[data-test=gateways] tr[data-gateway="ex9.example.test:8443"]');
    await edited.waitFor();
    expect(lab.imp.config.gateways.find('ex9.example.test')?.port).toBe(8443);

    await edited.getByRole('button', { name: 'Delete' }).click();
    await edited.getByRole('button', { name: 'Yes, delete' }).click();
    await edited.waitFor({ state: 'detached' });
    expect(lab.imp.config.gateways.list().map((g) => g.host)).toEqual(['ex1.example.test', 'ex2.example.test']);
    expect(pageProblems(page)).toEqual([]);
    await page.close();
  });

  it('Exchange: move and cancel a meeting, move a mailbox, restart a server, export the CA chain', async () => {
    const { lab } = h.live;
    const page = await openDashboard(browser, h.url, 'exchange');
    const erin = page.locator('[data-mailbox="erin@example.test"]');
    await erin.locator('li[data-meeting=Planning]').getByRole('button', { name: 'Move' }).click();
    const move = erin.locator('li[data-meeting=Planning] form');
    await move.locator('input[name=start]').fill('13:00');
    await move.locator('input[name=end]').fill('12:00');
    await move.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => move.locator('[data-error-for=end]').textContent()).toBe('End must be after the start');
    await move.locator('input[name=end]').fill('14:00');
    await move.getByRole('button', { name: 'Save' }).click();
    await erin.locator('li[data-meeting=Planning]', { hasText: '13:00–14:00' }).waitFor();
    expect(lab.exchange.admin.meetings('erin@example.test')[0]).toMatchObject({
      start: '2030-05-06T13:00:00.000Z',
      end: '2030-05-06T14:00:00.000Z',
    });
    await erin.locator('li[data-meeting=Planning]').getByRole('button', { name: 'Cancel' }).click();
    await erin.locator('li', { hasText: 'No meetings today.' }).waitFor();
    expect(lab.exchange.admin.meetings('erin@example.test')).toEqual([]);

    const dave = page.locator('[data-mailbox="dave@example.test"]');
    await dave.getByRole('button', { name: 'Move mailbox' }).click();
    await page.locator('[data-mailbox="dave@example.test"] h3', { hasText: 'on ex1' }).waitFor();
    expect(lab.exchange.org.mailbox('dave@example.test')?.homeServer).toBe('ex1');

    await page.locator('[data-server=ex2]').getByRole('button', { name: 'Restart server' }).click();
    await expect
      .poll(() => lab.journal.entries({ source: 'server:ex2' }).some((e) => e.message.includes('restarted')))
      .toBe(true);

    const href = await page.locator('[data-server=ex1] a', { hasText: 'Export CA chain' }).getAttribute('href');
    const pem = await (await page.request.get(new URL(href ?? '', h.url).toString())).text();
    const files = await lab.exchange.certificates.caCertificates('ex1');
    expect(files.length).toBeGreaterThan(0);
    expect(pem).toBe(files.map((f) => f.pem).join(''));
    expect(new X509Certificate(pem).ca).toBe(true);
    expect(pageProblems(page)).toEqual([]);
    await page.close();
  });

  it('a page of another origin cannot change anything through the dashboard (cross-site requests)', async () => {
    const { lab } = h.live;
    const evil = await servePage(`<!doctype html><body>
      <form id="f" method="POST" action="${h.url}imp/api/engine/stop"></form>
      <script>
        fetch('${h.url}exchange/api/servers/ex1/restart', { method: 'POST', mode: 'no-cors' })
          .then(() => { document.title = 'fetched'; document.getElementById('f').submit(); });
      </script></body>`);
    try {
      // The trainer is logged in (the dashboard's cookie is in this browser) and then visits the other site.
      const page = await browser.newPage();
      await page.goto(h.loginUrl);
      await page.waitForURL(h.url);
      await page.goto(evil.url);
      await page.waitForURL(`${h.url}imp/api/engine/stop`);
      expect(await page.locator('body').textContent()).toContain('Cross-origin request refused');
      expect(lab.imp.engine.state).toBe('running');
      expect(lab.journal.entries({ source: 'server:ex1' }).map((e) => e.message)).not.toContainEqual(
        expect.stringMatching(/restarted/),
      );
      await page.close();
    } finally {
      await evil.close();
    }
  });
});

/** A page on another origin (another port of 127.0.0.1), as a malicious site would be. */
async function servePage(html: string): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((_req, res) => {
    res.setHeader('content-type', 'text/html');
    res.end(html);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise((r) => server.close(() => r())),
  };
}
