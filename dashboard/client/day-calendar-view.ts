import type { DayCalendar } from '../protocol.ts';
import { h, hhmm } from './dom.ts';

const HOUR = 3_600_000;

/** The hours a day strip shows: the working day, widened to include now. */
export interface DayWindow {
  from: number;
  to: number;
}

export function dayWindow(dayStart: number, now: number): DayWindow {
  const hourNow = (now - dayStart) / HOUR;
  const first = Math.max(0, Math.min(6, Math.floor(hourNow) - 1));
  const last = Math.min(24, Math.max(20, Math.ceil(hourNow) + 1));
  return { from: dayStart + first * HOUR, to: dayStart + last * HOUR };
}

const pct = (w: DayWindow, ms: number) =>
  `${Math.max(0, Math.min(100, ((ms - w.from) / (w.to - w.from)) * 100)).toFixed(3)}%`;

/** One user's day as a strip, meetings as blocks, the current time as a red line. */
export function dayCalendar(cal: DayCalendar, w: DayWindow, now: number): HTMLElement {
  const marker = h('div', { class: 'now', 'data-test': 'now-marker', title: `now ${hhmm(now)}` });
  marker.style.left = pct(w, now);
  const ticks: HTMLElement[] = [];
  for (let t = w.from + HOUR; t < w.to; t += 2 * HOUR) {
    const tick = h('span', { class: 'tick' }, hhmm(t));
    tick.style.left = pct(w, t);
    ticks.push(tick);
  }
  const meetings = cal.meetings
    .filter((m) => m.end > w.from && m.start < w.to)
    .map((m) => {
      const block = h(
        'div',
        {
          class: `meeting fb-${m.freeBusy.toLowerCase()}`,
          title: `${hhmm(m.start)}–${hhmm(m.end)} ${m.subject} (${m.freeBusy}${m.recurring ? ', recurring' : ''})`,
          'data-subject': m.subject,
        },
        m.subject,
      );
      const from = Math.max(m.start, w.from);
      block.style.left = pct(w, from);
      block.style.width = `calc(${pct(w, Math.min(m.end, w.to))} - ${pct(w, from)})`;
      return block;
    });
  return h('div', { class: 'day', 'data-from': w.from, 'data-to': w.to }, ticks, meetings, marker);
}

/** Move every now-line on the page (the clock ticks far more often than calendars change). */
export function moveNowMarkers(scope: ParentNode, now: number): void {
  for (const strip of scope.querySelectorAll<HTMLElement>('.day')) {
    const w = { from: Number(strip.dataset.from), to: Number(strip.dataset.to) };
    const marker = strip.querySelector<HTMLElement>('.now');
    if (!marker) continue;
    marker.style.left = pct(w, now);
    marker.title = `now ${hhmm(now)}`;
  }
}
