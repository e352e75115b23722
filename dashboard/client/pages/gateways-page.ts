import type { PresenceGateway } from '../../../gateway/config/gateway-store.ts';
import { api } from '../api.ts';
import { certificateViewer } from '../certificate-viewer-view.ts';
import { fill, h } from '../dom.ts';
import { attempt, field, formError } from '../forms.ts';
import type { Scope } from '../scope.ts';
import { statusAreaView } from '../status-area-view.ts';
import { trustPanel } from '../trust-panel.ts';

interface GatewaysJson {
  gateways: PresenceGateway[];
  accountName: string | null;
  authMethod: string | null;
}

interface EngineJson {
  state: string;
  restartRequired: boolean;
}

/**
 * Presence Gateways, laid out like the IM&P administration page: the restart banner, the gateway list
 * with add/edit/delete, the Exchange Server Status area, Configure/View, and cup-trust.
 */
export function gatewaysPage(root: HTMLElement, scope: Scope): void {
  const banner = h('div', { class: 'banner', role: 'status', 'data-test': 'restart-banner', hidden: true });
  const listBody = h('tbody');
  const viewerSlot = h('div');
  const trust = trustPanel();

  const openViewer = (id: string) => {
    fill(
      viewerSlot,
      certificateViewer(id, () => fill(viewerSlot)),
    );
    viewerSlot.scrollIntoView({ block: 'nearest' });
  };

  // Add / edit form: the same fields as IM&P's Presence Gateway page.
  let editing: PresenceGateway | undefined;
  const host = h('input', { placeholder: 'ex1.example.test or 10.0.0.5', size: 28 });
  const port = h('input', { inputmode: 'numeric', size: 6, value: '443' });
  const description = h('input', { size: 28 });
  const formTitle = h('h2');
  const submit = h('button', { type: 'submit', 'data-test': 'gateway-save' });
  const cancel = h('button', { type: 'button', hidden: true }, 'Cancel');
  const form = h(
    'form',
    { class: 'gateway-form', novalidate: true, 'data-test': 'gateway-form' },
    formTitle,
    h('p', { class: 'field' }, h('label', null, 'Presence Gateway Type'), h('span', null, 'Exchange - EWS Server')),
    field('Description', description, 'description'),
    field('Presence Gateway', host, 'host'),
    field('Presence Gateway Port', port, 'port'),
    h('div', { class: 'buttons' }, submit, ' ', cancel),
    formError(),
  );
  const resetForm = () => {
    editing = undefined;
    form.reset();
    port.value = '443';
    formTitle.textContent = 'Add New Presence Gateway';
    submit.textContent = 'Add';
    cancel.hidden = true;
  };
  const edit = (gw: PresenceGateway) => {
    editing = gw;
    host.value = gw.host;
    port.value = String(gw.port);
    description.value = gw.description;
    formTitle.textContent = `Edit Presence Gateway ${gw.host}:${gw.port}`;
    submit.textContent = 'Save';
    cancel.hidden = false;
    form.scrollIntoView({ block: 'nearest' });
  };
  cancel.addEventListener('click', resetForm);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const input = { host: host.value, port: port.value, description: description.value };
    void attempt(form, async () => {
      if (editing) await api('PATCH', `/imp/api/gateways/${encodeURIComponent(editing.id)}`, input);
      else await api('POST', '/imp/api/gateways', input);
      resetForm();
    });
  });
  resetForm();

  const deleteButton = (gw: PresenceGateway): HTMLElement => {
    const cell = h('span');
    const ask = h('button', { type: 'button' }, 'Delete');
    ask.addEventListener('click', () =>
      fill(
        cell,
        'Delete? ',
        h(
          'button',
          {
            type: 'button',
            class: 'danger',
            onclick: () => void attempt(root, () => api('DELETE', `/imp/api/gateways/${encodeURIComponent(gw.id)}`)),
          },
          'Yes, delete',
        ),
        ' ',
        h('button', { type: 'button', onclick: () => fill(cell, ask) }, 'No'),
      ),
    );
    fill(cell, ask);
    return cell;
  };

  const restart = h('button', { type: 'button', 'data-test': 'engine-restart' }, 'Restart Cisco Presence Engine');
  restart.addEventListener('click', () => {
    restart.disabled = true;
    void attempt(banner, () => api('POST', '/imp/api/engine/restart')).finally(() => {
      restart.disabled = false;
    });
  });

  const load = async () => {
    const [g, engine] = await Promise.all([
      api<GatewaysJson>('GET', '/imp/api/gateways'),
      api<EngineJson>('GET', '/imp/api/engine'),
      trust.load(),
    ]);
    banner.hidden = !engine.restartRequired;
    fill(
      banner,
      'The Cisco Presence Engine must be restarted before calendar presence uses this configuration. ',
      restart,
      h('span', { class: 'field-error', 'data-error-for': '_form' }),
    );
    fill(
      listBody,
      g.gateways.length === 0
        ? h('tr', null, h('td', { colspan: 7 }, 'No Presence Gateway is configured.'))
        : g.gateways.map((gw) =>
            h(
              'tr',
              { 'data-gateway': `${gw.host}:${gw.port}` },
              h('td', null, gw.type),
              h('td', null, gw.description),
              h('td', null, gw.host),
              h('td', null, gw.port),
              h('td', null, gw.order),
              h('td', null, gw.localecalendarname),
              h(
                'td',
                { class: 'actions' },
                h('button', { type: 'button', onclick: () => edit(gw) }, 'Edit'),
                ' ',
                deleteButton(gw),
                ' ',
                h('button', { type: 'button', onclick: () => openViewer(gw.id) }, 'Configure/View'),
              ),
            ),
          ),
    );
    engineState.textContent = `Cisco Presence Engine: ${engine.state}; impersonation account: ${g.accountName ? `${g.accountName} (${g.authMethod ?? 'Basic'})` : '(none)'}`;
  };
  const engineState = h('p', { class: 'note' });

  fill(
    root,
    h('h1', null, 'Presence Gateways'),
    banner,
    engineState,
    h(
      'table',
      { class: 'gateways', 'data-test': 'gateways' },
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          ['Presence Gateway Type', 'Description', 'Presence Gateway', 'Port', 'Order', 'Calendar word', ''].map((t) =>
            h('th', null, t),
          ),
        ),
      ),
      listBody,
    ),
    form,
    statusAreaView(scope, openViewer),
    viewerSlot,
    trust.root,
  );
  scope.on((msg) => {
    if (msg.type === 'lab') fill(viewerSlot);
  });
  scope.reloadOnChange(load);
}
