import type { TrustedCertificate } from '../../gateway/certificates/trust-store.ts';
import { api } from './api.ts';
import { fill, h } from './dom.ts';
import { attempt, formError } from './forms.ts';

const cn = (dn: string) => /CN=([^\n,]+)/.exec(dn)?.[1] ?? dn.split('\n')[0] ?? dn;

/**
 * cup-trust, as OS Administration shows it: the certificates, upload of a PEM file (a CA chain exported
 * from Exchange), delete. The status area sees a change at once; calendar subscriptions only after a
 * Presence Engine restart.
 */
export function trustPanel(): { root: HTMLElement; load(): Promise<void> } {
  const body = h('tbody');
  const file = h('input', { type: 'file', name: 'file', accept: '.pem,.crt,.cer' });
  const form = h(
    'form',
    {
      class: 'upload',
      novalidate: true,
      onsubmit: (ev) => {
        ev.preventDefault();
        void attempt(form, async () => {
          const f = file.files?.[0];
          if (!f) throw new Error('Choose a certificate file to upload');
          await api(
            'POST',
            `/imp/api/trust/cup-trust?filename=${encodeURIComponent(f.name)}`,
            undefined,
            await f.text(),
          );
          form.reset();
        });
      },
    },
    h('label', null, 'Upload certificate to cup-trust ', file),
    ' ',
    h('button', { type: 'submit', 'data-test': 'trust-upload' }, 'Upload'),
    formError(),
  );
  const load = async () => {
    const { certificates } = await api<{ certificates: TrustedCertificate[] }>('GET', '/imp/api/trust/cup-trust');
    fill(
      body,
      certificates.map((c) =>
        h(
          'tr',
          null,
          h('td', null, cn(c.subject)),
          h('td', null, cn(c.issuer)),
          h('td', null, c.filename),
          h('td', { class: 'mono fp' }, c.fingerprint.slice(0, 23)),
          h(
            'td',
            null,
            h(
              'button',
              {
                type: 'button',
                onclick: () =>
                  void attempt(form, () =>
                    api('DELETE', `/imp/api/trust/cup-trust/${encodeURIComponent(c.fingerprint)}`),
                  ),
              },
              'Delete',
            ),
          ),
        ),
      ),
    );
  };
  const root = h(
    'section',
    { class: 'trust', 'data-test': 'trust' },
    h('h2', null, 'cup-trust'),
    h(
      'table',
      null,
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          ['Subject CN', 'Issuer CN', 'File', 'SHA-256', ''].map((t) => h('th', null, t)),
        ),
      ),
      body,
    ),
    form,
  );
  return { root, load };
}
