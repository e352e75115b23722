import type { StatusRowView, StatusState } from '../protocol.ts';
import { api } from './api.ts';
import { fill, h, hhmmss } from './dom.ts';
import type { Scope } from './scope.ts';

const okClass = (label: string) => (label === 'Verified' || label === 'pingable' ? 'ok' : 'bad');

function verdict(label: string, help: { explanation: string; action: string }, test: string): HTMLElement {
  return h(
    'td',
    { class: `verdict ${okClass(label)}`, 'data-test': test },
    h('span', { class: 'label' }, label),
    h('div', { class: 'help' }, help.explanation),
    help.action === 'None.' ? null : h('div', { class: 'action' }, h('b', null, 'Recommended action: '), help.action),
  );
}

/**
 * The Exchange Server Status area: both tests for the first 10 gateways, each with its explanation and
 * recommended action. Kept current by /live; `configure` adds the Configure/View button per row.
 */
export function statusAreaView(scope: Scope, configure?: (gatewayId: string) => void): HTMLElement {
  const { live } = scope;
  const body = h('tbody');
  const note = h('p', { class: 'note' });
  const checking = h('span', { class: 'checking', 'data-test': 'status-checking' });
  const row = (r: StatusRowView) =>
    h(
      'tr',
      { 'data-gateway': `${r.gateway.host}:${r.gateway.port}`, 'data-gateway-id': r.gateway.id },
      h('td', { class: 'gw' }, `${r.gateway.host}:${r.gateway.port}`),
      verdict(r.reachability, r.help.reachability, 'reachability'),
      verdict(r.ssl, r.help.ssl, 'ssl'),
      configure
        ? h('td', null, h('button', { type: 'button', onclick: () => configure(r.gateway.id) }, 'Configure/View'))
        : null,
    );
  const render = (s: StatusState) => {
    const area = s.area;
    fill(body, area ? area.rows.map(row) : h('tr', null, h('td', { colspan: 4 }, 'Not checked yet.')));
    fill(
      note,
      area && area.notChecked > 0
        ? `${area.notChecked} more Presence Gateway(s) configured: IM and Presence checks only the first 10.`
        : null,
      area ? ` Checked at ${hhmmss(area.checkedAt)} UTC.` : null,
    );
    checking.textContent = s.checking ? 'checking…' : '';
    root.dataset.checking = String(s.checking);
  };
  const root = h(
    'section',
    { class: 'status-area', 'data-test': 'status-area' },
    h(
      'h2',
      null,
      'Exchange Server Status ',
      h('button', { type: 'button', onclick: () => void api('POST', '/api/status/refresh') }, 'Refresh'),
      ' ',
      checking,
    ),
    h(
      'table',
      null,
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          h('th', null, 'Presence Gateway'),
          h('th', null, 'Exchange Reachability'),
          h('th', null, 'SSL Connection/Certificate Verification'),
          configure ? h('th', null, '') : null,
        ),
      ),
      body,
    ),
    note,
  );
  render(live.status);
  scope.on((msg) => {
    if (msg.type === 'hello' || msg.type === 'status') render(live.status);
  });
  return root;
}
