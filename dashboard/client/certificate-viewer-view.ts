import type { ChainRow } from '../../gateway/certificates/chain-rows.ts';
import type { PresenceGateway } from '../../gateway/config/gateway-store.ts';
import { api } from './api.ts';
import { fill, h } from './dom.ts';
import { attempt, formError } from './forms.ts';

interface ViewerJson {
  gateway: PresenceGateway;
  ssl: string;
  detail: string;
  rows: ChainRow[];
  acceptable: { subjectCN: string; fingerprint: string }[];
  error?: { code: string; message: string };
}

const date = (s?: string) => (s ? new Date(s).toISOString().slice(0, 10) : '');

/**
 * Configure/View: the chain Exchange presents for a gateway, leaf to anchor, each row judged against
 * cup-trust now; "Accept Certificate Chain" + Save imports the presented certificates not yet trusted.
 */
export function certificateViewer(gatewayId: string, onClose: () => void): HTMLElement {
  const body = h('div', { class: 'viewer-body' }, 'Reading the chain Exchange presents…');
  const root = h(
    'section',
    { class: 'viewer', 'data-test': 'certificate-viewer', 'aria-label': 'Certificate Viewer' },
    h('h2', null, 'Certificate Viewer ', h('button', { type: 'button', class: 'close', onclick: onClose }, 'Close')),
    body,
  );
  const load = async (message?: string) => {
    const v = await api<ViewerJson>('GET', `/imp/api/viewer/${encodeURIComponent(gatewayId)}`);
    const accept = h('input', { type: 'checkbox', name: 'accept', id: 'accept-chain' });
    const save = h('button', { type: 'submit', disabled: true, 'data-test': 'viewer-save' }, 'Save');
    accept.addEventListener('change', () => {
      save.disabled = !accept.checked;
    });
    const form = h(
      'form',
      {
        class: 'accept',
        novalidate: true,
        onsubmit: (ev) => {
          ev.preventDefault();
          void attempt(form, async () => {
            const r = await api<{ added: unknown[] }>(
              'POST',
              `/imp/api/viewer/${encodeURIComponent(gatewayId)}/accept`,
            );
            await load(`${r.added.length} certificate(s) added to cup-trust.`);
          });
        },
      },
      h('label', { for: 'accept-chain' }, accept, ' Accept Certificate Chain'),
      ' ',
      save,
      formError(),
    );
    const missing = v.rows.some((r) => r.status === 'Missing');
    fill(
      body,
      h(
        'p',
        null,
        h('b', null, `${v.gateway.host}:${v.gateway.port}`),
        ' — ',
        h('span', { class: `label ${v.ssl === 'Verified' ? 'ok' : 'bad'}`, 'data-test': 'viewer-ssl' }, v.ssl),
      ),
      h('p', { class: 'detail' }, v.detail),
      v.rows.length === 0
        ? h('p', null, 'No certificate was presented.')
        : h(
            'table',
            { class: 'chain' },
            h(
              'thead',
              null,
              h(
                'tr',
                null,
                ['Subject CN', 'Issuer CN', 'Serial', 'Valid from', 'Valid to', 'SHA-256 fingerprint', 'Status'].map(
                  (t) => h('th', null, t),
                ),
              ),
            ),
            h(
              'tbody',
              null,
              v.rows.map((r) =>
                h(
                  'tr',
                  { 'data-status': r.status },
                  h('td', null, r.subjectCN || r.subject),
                  h('td', null, r.issuerCN),
                  h('td', { class: 'mono' }, r.serial ?? ''),
                  h('td', null, date(r.validFrom)),
                  h('td', null, date(r.validTo)),
                  h('td', { class: 'mono fp' }, r.fingerprint ?? ''),
                  h('td', { class: `label ${r.status === 'Verified' ? 'ok' : 'bad'}` }, r.status),
                ),
              ),
            ),
          ),
      missing
        ? h(
            'p',
            { class: 'note' },
            'A Missing certificate was never sent by Exchange, so it cannot be accepted here: export the CA chain from the Exchange server (Exchange page) and upload it to cup-trust, then restart the Cisco Presence Engine.',
          )
        : null,
      h(
        'p',
        null,
        v.acceptable.length === 0
          ? 'Every presented certificate is already in cup-trust.'
          : `${v.acceptable.length} presented certificate(s) not yet in cup-trust: ${v.acceptable.map((a) => a.subjectCN).join(', ')}.`,
      ),
      v.acceptable.length > 0 ? form : null,
      message ? h('p', { class: 'done', role: 'status' }, message) : null,
    );
  };
  void load().catch((err: unknown) => fill(body, h('p', { class: 'bad' }, (err as Error).message)));
  return root;
}
