import type { UserView } from '../../../gateway/admin-user-routes.ts';
import type { ComposedPresence } from '../../../gateway/presence/presence-composer.ts';
import type { CalendarsView } from '../../protocol.ts';
import { api } from '../api.ts';
import { type DayWindow, dayCalendar, dayWindow, moveNowMarkers } from '../day-calendar-view.ts';
import { day, fill, h } from '../dom.ts';
import { attempt, formError } from '../forms.ts';
import type { Scope } from '../scope.ts';

const DAY = 86_400_000;
const slug = (label: string) => label.toLowerCase().replace(/\s+/g, '-');

function presenceBadge(p: ComposedPresence | undefined): HTMLElement {
  const label = p?.label ?? 'Offline';
  return h('span', { class: `presence p-${slug(label)}`, 'data-test': 'presence' }, h('span', { class: 'dot' }), label);
}

/**
 * The users: a live presence board (each change arrives over /live), each user's calendar for the day
 * with the current time marked, and the switches an administrator flips: meeting information, license.
 */
export function usersPage(root: HTMLElement, scope: Scope): void {
  const { live } = scope;
  const body = h('tbody');
  const heading = h('p', { class: 'note' });
  const errors = formError();
  let dayStart = 0;
  let hours: DayWindow = { from: 0, to: 0 };

  const toggle = (u: UserView, key: 'calendaring' | 'licensed', label: string) => {
    const box = h('input', {
      type: 'checkbox',
      checked: u[key],
      'data-toggle': key,
      'aria-label': `${label} for ${u.userId}`,
    });
    box.addEventListener('change', () => {
      void attempt(root, () => api('PATCH', `/imp/api/users/${encodeURIComponent(u.userId)}`, { [key]: box.checked }));
    });
    return h('label', { class: 'toggle' }, box, ` ${label}`);
  };

  const load = async () => {
    const [{ users }, cal] = await Promise.all([
      api<{ users: UserView[] }>('GET', '/imp/api/users'),
      api<CalendarsView>('GET', '/api/calendars'),
    ]);
    dayStart = cal.dayStart;
    hours = dayWindow(cal.dayStart, live.clock.now);
    const byMailbox = new Map(cal.calendars.map((c) => [c.mailbox.toLowerCase(), c]));
    heading.textContent = `Calendars for ${day(cal.dayStart)} (UTC), as Exchange holds them. The red line is now.`;
    fill(
      body,
      users.map((u) => {
        const c = byMailbox.get(u.mailbox.toLowerCase());
        return h(
          'tr',
          { 'data-user': u.userId },
          h(
            'td',
            null,
            h('b', null, u.displayName || u.userId),
            h('div', { class: 'sub' }, u.userId, ' · ', u.mailbox),
          ),
          h('td', { class: 'presence-cell' }, presenceBadge(live.presenceOf(u.userId))),
          h(
            'td',
            { class: 'sub' },
            h('div', { 'data-test': 'subscription' }, u.subscription?.status ?? 'no subscription'),
            u.subscription?.gateway ? h('div', null, `via ${u.subscription.gateway}`) : null,
            c ? h('div', null, `home ${c.server}`) : null,
          ),
          h(
            'td',
            { class: 'toggles' },
            toggle(u, 'calendaring', 'Include meeting information in presence'),
            toggle(u, 'licensed', 'Licensed'),
          ),
          h('td', { class: 'calendar' }, c ? dayCalendar(c, hours, live.clock.now) : 'no mailbox'),
        );
      }),
    );
  };

  fill(
    root,
    h('h1', null, 'Users'),
    heading,
    errors,
    h(
      'table',
      { class: 'users', 'data-test': 'users' },
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          ['User', 'Presence', 'Calendar subscription', 'Settings', 'Today'].map((t) => h('th', null, t)),
        ),
      ),
      body,
    ),
  );
  scope.on((msg) => {
    if (msg.type === 'presence') {
      const cell = body.querySelector(`tr[data-user="${CSS.escape(msg.user)}" i] .presence-cell`);
      if (cell) fill(cell, presenceBadge(msg.presence));
    } else if (msg.type === 'clock') {
      moveNowMarkers(body, live.clock.now);
      if (dayStart !== 0 && (live.clock.now >= dayStart + DAY || live.clock.now > hours.to)) {
        dayStart = 0;
        void load();
      }
    }
  });
  scope.reloadOnChange(load);
}
