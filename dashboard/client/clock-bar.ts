import type { ClockDriverState } from '../../sim/clock-driver.ts';
import { api } from './api.ts';
import { day, fill, h, hhmmss } from './dom.ts';
import { attempt } from './forms.ts';
import type { Live } from './live.ts';

const SPEEDS = [1, 60, 600];

/** The virtual time and its controls, on every page: pause, speed, jump to a time. */
export function clockBar(live: Live): HTMLElement {
  const time = h('span', { class: 'clock-time', 'data-test': 'clock-time' });
  const date = h('span', { class: 'clock-date' });
  const mode = h('span', { class: 'clock-mode', 'data-test': 'clock-mode' });
  const pause = h('button', { type: 'button', 'data-test': 'clock-pause' });
  const speeds = SPEEDS.map((s) =>
    h(
      'button',
      {
        type: 'button',
        class: 'speed',
        'data-speed': s,
        onclick: () => void attempt(root, () => api('POST', '/api/clock', { action: 'speed', speed: s })),
      },
      `x${s}`,
    ),
  );
  const to = h('input', { name: 'to', placeholder: '09:30 or +15m', size: 12, 'aria-label': 'Jump to' });
  const jump = async (target: string) => {
    jumping.hidden = false;
    try {
      await api('POST', '/api/clock', { action: 'jump', to: target });
      to.value = '';
    } finally {
      jumping.hidden = true;
    }
  };
  const jumping = h('span', { class: 'jumping', hidden: true }, 'jumping…');
  const form = h(
    'form',
    {
      class: 'clock-jump',
      novalidate: true,
      onsubmit: (ev) => {
        ev.preventDefault();
        void attempt(root, () => jump(to.value));
      },
    },
    to,
    h('button', { type: 'submit', 'data-test': 'clock-jump' }, 'Jump'),
    h('button', { type: 'button', onclick: () => void attempt(root, () => jump('+15m')) }, '+15m'),
    h('button', { type: 'button', onclick: () => void attempt(root, () => jump('+1h')) }, '+1h'),
    jumping,
    h('span', { class: 'field-error', 'data-error-for': 'to', role: 'alert' }),
    h('span', { class: 'field-error', 'data-error-for': '_form', role: 'alert' }),
  );
  pause.addEventListener('click', () => {
    void attempt(root, () => api('POST', '/api/clock', { action: live.clock.paused ? 'resume' : 'pause' }));
  });
  const root = h('div', { class: 'clock-bar', 'data-test': 'clock' }, date, time, mode, pause, ...speeds, form);
  const render = (c: ClockDriverState) => {
    time.textContent = `${hhmmss(c.now)} UTC`;
    date.textContent = day(c.now);
    fill(mode, c.paused ? 'paused' : `running x${c.speed}`);
    root.dataset.now = String(c.now);
    pause.textContent = c.paused ? 'Resume' : 'Pause';
    for (const b of speeds) b.classList.toggle('active', Number(b.dataset.speed) === c.speed);
  };
  render(live.clock);
  live.on((msg) => {
    if (msg.type === 'hello' || msg.type === 'clock') render(live.clock);
  });
  return root;
}
