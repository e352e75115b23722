import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { Dashboard } from '../../dashboard/dashboard-server.ts';
import { createLiveLab, type LiveLab } from '../../lab/live-lab.ts';
import type { OrgConfig } from '../../mock-exchange/org-config.ts';
import { presenceOrgConfig } from './presence-org.ts';
import { TEST_START } from './test-org.ts';

/** Debian's Chromium (apt-get install chromium): playwright-core drives it; no browser is ever downloaded. */
export const CHROMIUM = process.env.PGSIM_CHROMIUM ?? '/usr/bin/chromium';
export const HAS_CHROMIUM = existsSync(CHROMIUM);
export const CHROMIUM_NOTICE = HAS_CHROMIUM
  ? ''
  : ` (SKIPPED: ${CHROMIUM} is missing; install it with "apt-get install chromium", as .ci/run does)`;
if (!HAS_CHROMIUM) console.warn(`Dashboard browser tests${CHROMIUM_NOTICE}`);

/** Flags this machine needs: no sandbox as root, no GPU, and no background calls to Google's hosts. */
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Headless Chromium with a fresh profile (playwright makes a new --user-data-dir for every launch). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
}

/** The presence test organization on addresses of its own (127.0.78.x), ephemeral ports. */
export function dashboardOrg(): OrgConfig {
  const org = presenceOrgConfig();
  org.seed = 'dashboard';
  org.servers = org.servers.map((s, i) => ({ ...s, ip: `127.0.78.${i + 1}` }));
  return org;
}

export interface DashboardLab {
  live: LiveLab;
  dashboard: Dashboard;
  url: string;
  /** `url` with the lab's token: a browser's first visit goes here (it sets the cookie and redirects to `url`). */
  loginUrl: string;
  /** `Authorization: Bearer <token>`, for tests that call the dashboard without a browser. */
  auth: { authorization: string };
  stop(): Promise<void>;
}

/** The live lab at 08:50 on the test day, its clock paused, with the dashboard on 127.0.0.1. */
export async function startDashboardLab(
  options: { org?: OrgConfig; start?: number; scenarioFiles?: string[] } = {},
): Promise<DashboardLab> {
  const live = await createLiveLab({
    org: options.org ?? dashboardOrg(),
    start: options.start ?? TEST_START + 50 * 60_000,
    paused: true,
    exchangeAdminPort: null,
  });
  let dashboard: Dashboard;
  try {
    dashboard = await Dashboard.start(live, { port: 0, scenarioFiles: options.scenarioFiles });
  } catch (err) {
    live.driver.stop();
    await live.lab.stop();
    throw err;
  }
  return {
    live,
    dashboard,
    url: dashboard.url,
    loginUrl: rememberLogin(dashboard),
    auth: { authorization: `Bearer ${live.lab.token}` },
    async stop() {
      await dashboard.close();
      live.driver.stop();
      await live.lab.stop();
    },
  };
}

/** Where screenshots go: PGSIM_SCREENSHOTS=docs/screenshots (npm run screenshots) refreshes the README's. */
const SHOTS = resolve(process.env.PGSIM_SCREENSHOTS ?? 'tmp/screenshots');

/** What a trainer sees: the window (the header and the log panel stay put), scrolled to `focus` if given. */
export async function screenshot(page: Page, name: string, focus?: Locator): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  if (focus) await focus.evaluate((e) => e.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

const PROBLEMS = new WeakMap<Page, string[]>();
/** Chrome logs every refused request; a 4xx is what bad-input tests provoke on purpose. */
const REFUSAL = /Failed to load resource: the server responded with a status of 4\d\d/;

const CONTEXTS = new WeakMap<Browser, Promise<BrowserContext>>();
/** Each dashboard's address with its token, by its clean address: a tab logs in the way a trainer does. */
const LOGINS = new Map<string, string>();

function rememberLogin(dashboard: Dashboard): string {
  LOGINS.set(dashboard.url, dashboard.loginUrl);
  return dashboard.loginUrl;
}

/** The dashboard in a new tab (one browser context per browser: a new context costs half a second), connected to /live. */
export async function openDashboard(browser: Browser, url: string, route = 'gateways'): Promise<Page> {
  let context = CONTEXTS.get(browser);
  if (!context) {
    context = browser.newContext({ viewport: { width: 1400, height: 1000 } });
    CONTEXTS.set(browser, context);
  }
  const page = await (await context).newPage();
  page.setDefaultTimeout(20_000);
  const problems: string[] = [];
  PROBLEMS.set(page, problems);
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && !REFUSAL.test(m.text())) problems.push(m.text());
  });
  // The token link redirects to the clean address; the browser keeps the #route across the redirect.
  await page.goto(`${LOGINS.get(url) ?? url}#/${route}`);
  await page.waitForURL(`${url}#/${route}`);
  await page.locator('body[data-live="connected"]').waitFor();
  return page;
}

/** Script errors and console errors the page reported so far (deliberate 4xx refusals aside). */
export function pageProblems(page: Page): string[] {
  return PROBLEMS.get(page) ?? [];
}
