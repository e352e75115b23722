import type { TaggedEntry } from '../protocol.ts';
import { fill, h, hhmmss } from './dom.ts';
import type { Live } from './live.ts';

const LEVELS = ['debug', 'info', 'warn', 'error'];
/** Rows the panel renders at most (the newest). */
const SHOWN = 500;

/** The debug log and the mock's event stream as they happen, filterable by user, server, level and text. */
export function logPanel(live: Live): HTMLElement {
  const user = h('select', { name: 'log-user', 'aria-label': 'Filter by user' });
  const server = h('select', { name: 'log-server', 'aria-label': 'Filter by server' });
  const level = h(
    'select',
    { name: 'log-level', 'aria-label': 'Lowest level' },
    LEVELS.map((l) => h('option', { value: l, selected: l === 'info' }, `${l} and up`)),
  );
  const text = h('input', { name: 'log-text', placeholder: 'contains…', 'aria-label': 'Text filter' });
  const follow = h('input', { type: 'checkbox', checked: true, 'aria-label': 'Follow' });
  const list = h('ol', { class: 'log-list', 'data-test': 'log' });
  const count = h('span', { class: 'log-count' });

  const options = () => {
    const keep = (sel: HTMLSelectElement) => sel.value;
    const [u, s] = [keep(user), keep(server)];
    fill(
      user,
      h('option', { value: '' }, 'all users'),
      (live.lab?.users ?? []).map((x) => h('option', { value: x.userId }, x.userId)),
    );
    fill(
      server,
      h('option', { value: '' }, 'all servers'),
      (live.lab?.servers ?? []).map((x) => h('option', { value: x.name }, x.name)),
    );
    user.value = live.lab?.users.some((x) => x.userId === u) ? u : '';
    server.value = live.lab?.servers.some((x) => x.name === s) ? s : '';
  };

  const matches = (e: TaggedEntry) =>
    LEVELS.indexOf(e.level) >= LEVELS.indexOf(level.value) &&
    (user.value === '' || e.users.includes(user.value)) &&
    (server.value === '' || e.servers.includes(server.value)) &&
    (text.value === '' || `${e.source} ${e.message}`.toLowerCase().includes(text.value.toLowerCase()));

  const row = (e: TaggedEntry) =>
    h(
      'li',
      { class: `log-${e.level}`, 'data-users': e.users.join(' '), 'data-servers': e.servers.join(' ') },
      h('time', null, hhmmss(e.at)),
      h('span', { class: 'log-level' }, e.level),
      h('span', { class: 'log-source' }, e.source),
      h('span', { class: 'log-message' }, e.message),
    );

  const render = () => {
    const shown = live.log.filter(matches).slice(-SHOWN);
    fill(list, shown.map(row));
    count.textContent = `${shown.length} shown`;
    if (follow.checked) list.scrollTop = list.scrollHeight;
  };

  for (const el of [user, server, level]) el.addEventListener('change', render);
  text.addEventListener('input', render);
  live.on((msg) => {
    if (msg.type === 'hello' || msg.type === 'lab') {
      options();
      render();
    } else if (msg.type === 'log' && matches(msg.entry)) {
      list.appendChild(row(msg.entry));
      while (list.childElementCount > SHOWN) list.firstElementChild?.remove();
      count.textContent = `${list.childElementCount} shown`;
      if (follow.checked) list.scrollTop = list.scrollHeight;
    }
  });
  options();
  render();
  return h(
    'section',
    { class: 'log-panel', 'aria-label': 'Log' },
    h(
      'div',
      { class: 'log-bar' },
      h('strong', null, 'Log'),
      user,
      server,
      level,
      text,
      h('label', null, follow, ' follow'),
      count,
    ),
    list,
  );
}
