import type { CalendarsView, DayCalendar } from '../../protocol.ts';
import { api } from '../api.ts';
import { fill, h, hhmm } from '../dom.ts';
import { attempt, field, formError } from '../forms.ts';
import type { Scope } from '../scope.ts';

interface ExchangeJson {
  servers: {
    name: string;
    fqdn: string;
    ip: string;
    port: number;
    profile: { name: string; status: string; explain: string };
    faults: { type: string; name: string; explain: string }[];
  }[];
  profiles: { name: string; status: string; explain: string }[];
  faultTypes: { type: string; layer: string; summary: string }[];
  mailboxes: { address: string; displayName: string; homeServer: string }[];
}

/** Attributes a fault type cannot go without, with the value the switch uses. */
const REQUIRED: Record<string, { name: string; value: number; unit: string }> = {
  latency: { name: 'latency', value: 2000, unit: 'ms' },
  'limit-data': { name: 'bytes', value: 100, unit: 'bytes' },
  'slow-close': { name: 'delay', value: 5000, unit: 'ms' },
};

const FREE_BUSY = ['Busy', 'Tentative', 'Free', 'OOF', 'WorkingElsewhere'];
const enc = encodeURIComponent;

/**
 * The Exchange organization: servers with their certificate profile and fault switches, restart and
 * CA export; mailboxes with today's meetings (add, move, cancel) and mailbox moves.
 */
export function exchangePage(root: HTMLElement, scope: Scope): void {
  const servers = h('div', { class: 'servers' });
  const mailboxes = h('div', { class: 'mailboxes' });

  const serverCard = (s: ExchangeJson['servers'][number], data: ExchangeJson): HTMLElement => {
    const card = h('section', { class: 'server card', 'data-server': s.name });
    const profile = h(
      'select',
      { name: 'profile', 'aria-label': `Certificate profile of ${s.name}` },
      data.profiles.map((p) =>
        h('option', { value: p.name, selected: p.name === s.profile.name, title: p.explain }, p.name),
      ),
    );
    profile.addEventListener('change', () => {
      void attempt(card, () =>
        api('PUT', `/exchange/api/servers/${enc(s.name)}/certificate`, { profile: profile.value }),
      );
    });
    const switches = data.faultTypes.map((t) => {
      const on = s.faults.find((f) => f.type === t.type);
      const box = h('input', { type: 'checkbox', checked: Boolean(on), 'data-fault': t.type });
      const need = REQUIRED[t.type];
      const amount = need
        ? h('input', { class: 'amount', size: 5, value: String(need.value), 'aria-label': `${t.type} ${need.unit}` })
        : null;
      box.addEventListener('change', () => {
        void attempt(card, async () => {
          if (box.checked) {
            const fault: Record<string, unknown> = { type: t.type };
            if (need && amount) fault[need.name] = Number(amount.value);
            await api('POST', `/exchange/api/servers/${enc(s.name)}/faults`, fault);
          } else if (on) await api('DELETE', `/exchange/api/servers/${enc(s.name)}/faults/${enc(on.name)}`);
        }).then((ok) => {
          if (!ok) box.checked = !box.checked;
        });
      });
      return h(
        'label',
        { class: `fault ${t.layer}`, title: on?.explain ?? t.summary },
        box,
        ` ${t.type}`,
        amount ? [' ', amount, ` ${need?.unit}`] : null,
      );
    });
    fill(
      card,
      h('h3', null, s.name, h('span', { class: 'sub' }, ` ${s.fqdn} (${s.ip}:${s.port})`)),
      h(
        'div',
        { class: 'field' },
        h('label', null, 'Certificate profile '),
        profile,
        h('div', { class: 'sub' }, s.profile.explain),
      ),
      h('div', { class: 'faults' }, h('div', { class: 'sub' }, 'Faults (network, then Exchange behaviour):'), switches),
      h(
        'div',
        { class: 'buttons' },
        h(
          'button',
          {
            type: 'button',
            onclick: () => void attempt(card, () => api('POST', `/exchange/api/servers/${enc(s.name)}/restart`)),
          },
          'Restart server',
        ),
        ' ',
        h(
          'a',
          {
            class: 'button',
            href: `/exchange/api/servers/${enc(s.name)}/ca-certificates.pem`,
            download: `${s.name}-ca-chain.pem`,
          },
          'Export CA chain',
        ),
      ),
      formError(),
    );
    return card;
  };

  const meetingRow = (m: DayCalendar['meetings'][number], address: string): HTMLElement => {
    const row = h('li', { 'data-meeting': m.subject });
    const show = () =>
      fill(
        row,
        h('span', { class: `when fb-${m.freeBusy.toLowerCase()}` }, `${hhmm(m.start)}–${hhmm(m.end)}`),
        ` ${m.subject} `,
        h('span', { class: 'sub' }, `${m.freeBusy}${m.recurring ? ', recurring' : ''}`),
        ' ',
        h('button', { type: 'button', onclick: () => move() }, 'Move'),
        ' ',
        h(
          'button',
          {
            type: 'button',
            onclick: () =>
              void attempt(row, () => api('DELETE', `/api/mailboxes/${enc(address)}/meetings/${enc(m.id)}`)),
          },
          'Cancel',
        ),
        formError(),
      );
    const move = () => {
      const start = h('input', { type: 'time', value: hhmm(m.start) });
      const end = h('input', { type: 'time', value: hhmm(m.end) });
      const form = h(
        'form',
        {
          class: 'inline',
          novalidate: true,
          onsubmit: (ev) => {
            ev.preventDefault();
            void attempt(form, () =>
              api('PATCH', `/api/mailboxes/${enc(address)}/meetings/${enc(m.id)}`, {
                start: start.value,
                end: end.value,
              }),
            );
          },
        },
        ` ${m.subject} `,
        field('from', start, 'start'),
        field('to', end, 'end'),
        h('button', { type: 'submit' }, 'Save'),
        ' ',
        h('button', { type: 'button', onclick: show }, 'Keep'),
        formError(),
      );
      fill(row, form);
    };
    show();
    return row;
  };

  const mailboxCard = (
    m: ExchangeJson['mailboxes'][number],
    data: ExchangeJson,
    cal: DayCalendar | undefined,
  ): HTMLElement => {
    const card = h('section', { class: 'mailbox card', 'data-mailbox': m.address });
    const target = h(
      'select',
      { name: 'server', 'aria-label': `Move ${m.address} to` },
      data.servers.filter((s) => s.name !== m.homeServer).map((s) => h('option', { value: s.name }, s.name)),
    );
    const subject = h('input', { size: 22, placeholder: 'Title' });
    const start = h('input', { type: 'time' });
    const end = h('input', { type: 'time' });
    const freeBusy = h(
      'select',
      null,
      FREE_BUSY.map((f) => h('option', { value: f }, f)),
    );
    const add = h(
      'form',
      {
        class: 'add-meeting',
        novalidate: true,
        'data-test': 'add-meeting',
        onsubmit: (ev) => {
          ev.preventDefault();
          void attempt(add, () =>
            api('POST', `/api/mailboxes/${enc(m.address)}/meetings`, {
              subject: subject.value,
              start: start.value,
              end: end.value,
              freeBusy: freeBusy.value,
            }),
          );
        },
      },
      field('Title', subject, 'subject'),
      field('Start', start, 'start'),
      field('End', end, 'end'),
      field('Free/busy', freeBusy, 'freeBusy'),
      h('button', { type: 'submit' }, 'Add meeting'),
      formError(),
    );
    fill(
      card,
      h('h3', null, m.displayName, h('span', { class: 'sub' }, ` ${m.address} on ${m.homeServer}`)),
      h(
        'div',
        { class: 'move' },
        'Move mailbox to ',
        target,
        ' ',
        h(
          'button',
          {
            type: 'button',
            disabled: target.options.length === 0,
            onclick: () =>
              void attempt(card, () =>
                api('POST', `/exchange/api/mailboxes/${enc(m.address)}/move`, { server: target.value }),
              ),
          },
          'Move mailbox',
        ),
        formError(),
      ),
      h(
        'ul',
        { class: 'meetings' },
        cal && cal.meetings.length > 0
          ? cal.meetings.map((mt) => meetingRow(mt, m.address))
          : h('li', { class: 'sub' }, 'No meetings today.'),
      ),
      add,
    );
    return card;
  };

  const load = async () => {
    const [data, cal] = await Promise.all([
      api<ExchangeJson>('GET', '/api/exchange'),
      api<CalendarsView>('GET', '/api/calendars'),
    ]);
    const byMailbox = new Map(cal.calendars.map((c) => [c.mailbox, c]));
    fill(
      servers,
      data.servers.map((s) => serverCard(s, data)),
    );
    fill(
      mailboxes,
      data.mailboxes.map((m) => mailboxCard(m, data, byMailbox.get(m.address))),
    );
  };

  fill(root, h('h1', null, 'Exchange'), h('h2', null, 'Servers'), servers, h('h2', null, 'Mailboxes'), mailboxes);
  scope.reloadOnChange(load);
}
