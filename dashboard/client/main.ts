import { clockBar } from './clock-bar.ts';
import { fill, h } from './dom.ts';
import { Live } from './live.ts';
import { logPanel } from './log-panel.ts';
import { exchangePage } from './pages/exchange-page.ts';
import { gatewaysPage } from './pages/gateways-page.ts';
import { scenariosPage } from './pages/scenarios-page.ts';
import { usersPage } from './pages/users-page.ts';
import { Scope } from './scope.ts';

const PAGES = {
  gateways: { title: 'Presence Gateways', mount: gatewaysPage },
  users: { title: 'Users', mount: usersPage },
  exchange: { title: 'Exchange', mount: exchangePage },
  scenarios: { title: 'Scenarios', mount: scenariosPage },
} as const;
type PageName = keyof typeof PAGES;

const live = new Live();
const page = h('main', { id: 'page' });
const labTitle = h('span', { class: 'lab-title', 'data-test': 'lab-title' });
const nav = h(
  'nav',
  { class: 'pages' },
  (Object.keys(PAGES) as PageName[]).map((name) => h('a', { href: `#/${name}`, 'data-page': name }, PAGES[name].title)),
);
let scope: Scope | undefined;

function route(): void {
  const name = (location.hash.replace(/^#\/?/, '') || 'gateways') as PageName;
  const def = PAGES[name] ?? PAGES.gateways;
  scope?.dispose();
  scope = new Scope(live);
  for (const a of nav.querySelectorAll('a')) a.classList.toggle('active', a.dataset.page === name);
  document.title = `${def.title} · pgsim`;
  page.replaceChildren();
  page.dataset.page = name;
  def.mount(page, scope);
}

function renderTitle(): void {
  const lab = live.lab;
  fill(
    labTitle,
    lab
      ? `${lab.kind === 'scenario' ? `Scenario lab: ${lab.title}` : 'Live lab'} · IM&P ${lab.release}`
      : 'connecting…',
  );
  document.body.dataset.labKind = lab?.kind ?? '';
  document.body.dataset.generation = String(lab?.generation ?? 0);
}

document.body.append(
  h('header', { class: 'top' }, h('span', { class: 'brand' }, 'pgsim'), nav, labTitle, clockBar(live)),
  page,
  logPanel(live),
);
live.on((msg) => {
  if (msg.type === 'hello' || msg.type === 'lab') renderTitle();
});
window.addEventListener('hashchange', route);
renderTitle();
route();
live.connect();
