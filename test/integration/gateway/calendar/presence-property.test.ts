import { afterEach, describe, expect, it } from 'vitest';
import { spreadOffsetSeconds } from '../../../../gateway/calendar/calendar-spread.ts';
import type { CalendarState } from '../../../../gateway/calendar/meeting-state.ts';
import type { ClientState } from '../../../../gateway/presence/presence-composer.ts';
import { PresenceLab } from '../../../support/presence-lab.ts';
import { pickFreeBusy, randomMeeting, randomOrgConfig, seededRandom } from '../../../support/presence-org.ts';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const USERS = 200;
const CHANGES = 400;
const SPREAD = 50;
const CLIENT_CHANGES = 600;

/**
 * The label contacts must see, written from DESIGN §4 apart from the composer: Offline (no client logged in)
 * beats everything, then Do Not Disturb, then the calendar (Busy: In a meeting; OOF: Away with the Out of
 * Office parameter off), then the client's own state.
 */
function truthLabel(client: ClientState, calendar: CalendarState): string {
  if (client === 'offline') return 'Offline';
  if (client === 'dnd') return 'Do Not Disturb';
  if (calendar === 'busy') return 'In a meeting';
  if (calendar === 'oof') return 'Away';
  return client === 'away' ? 'Away' : 'Available';
}

/**
 * When a boundary is published (DESIGN §4): the user's spread offset after the boundary's minute, never
 * before the boundary itself.
 */
const publishAt = (boundary: number, userId: string) =>
  Math.max(boundary, Math.floor(boundary / MINUTE) * MINUTE + spreadOffsetSeconds(userId, SPREAD) * 1000);

describe('calendar presence property: published state equals the truth from the mock’s calendars', () => {
  let h: PresenceLab | undefined;
  afterEach(async () => {
    await h?.stop();
    h = undefined;
  });

  it(`${USERS} users, random schedules and ${CHANGES} random creates, moves and cancels and ${CLIENT_CHANGES} random logins, logouts and state changes over a virtual day: zero mismatches`, async () => {
    const random = seededRandom(20300506);
    const dayStart = Date.UTC(2030, 4, 6, 0, 0, 0);
    h = await PresenceLab.start({ org: randomOrgConfig(USERS, dayStart, random), start: dayStart });
    const lab = h;
    const users = [...lab.exchange.org.mailboxes.keys()].map((address) => ({
      userId: address.split('@')[0] ?? address,
      address,
    }));
    expect(lab.imp.calendars.list().filter((s) => s.status === 'subscribed')).toHaveLength(USERS);
    // What each user's client is, kept here apart from the node: half log in at the start.
    const clients = new Map<string, ClientState>();
    users.forEach((u, i) => {
      const state: ClientState = i % 2 === 0 ? 'available' : 'offline';
      clients.set(u.userId, state);
      if (state !== 'offline') lab.imp.presence.setClient(u.userId, state);
    });

    // The engine last read a user's calendar when it subscribed, and again at each change to that mailbox.
    const lastRead = new Map(users.map((u) => [u.userId, dayStart]));
    const expected = (userId: string, address: string, t: number): CalendarState => {
      const readAt = lastRead.get(userId) ?? dayStart;
      let ref = readAt;
      for (const e of lab.exchange.org.mailbox(address)?.calendar.view(readAt - DAY, t + 1) ?? []) {
        for (const b of [e.start, e.end]) if (b > ref && b <= t && publishAt(b, userId) <= t) ref = b;
      }
      return lab.truth(address, ref);
    };

    const timeline: { at: number; kind: 'check' | 'change' | 'client' }[] = [];
    for (let m = 0; m < 24 * 60; m++)
      timeline.push({ at: dayStart + m * MINUTE + Math.floor(random() * MINUTE), kind: 'check' });
    for (let i = 0; i < CHANGES; i++) timeline.push({ at: dayStart + Math.floor(random() * DAY), kind: 'change' });
    for (let i = 0; i < CLIENT_CHANGES; i++)
      timeline.push({ at: dayStart + Math.floor(random() * DAY), kind: 'client' });
    timeline.sort((a, b) => a.at - b.at);

    const counts = { create: 0, move: 0, cancel: 0, login: 0, logout: 0, inMeetingAtLogout: 0 };
    const mismatches: string[] = [];
    let checked = 0;
    for (const step of timeline) {
      await lab.advanceTo(step.at);
      if (step.kind === 'change') {
        const u = users[Math.floor(random() * users.length)]!;
        const kind = applyRandomChange(lab, u.address, step.at, random);
        counts[kind]++;
        await lab.settle();
        lastRead.set(u.userId, step.at);
      }
      if (step.kind === 'client') {
        const u = users[Math.floor(random() * users.length)]!;
        const was = clients.get(u.userId)!;
        // A logged-out user logs in (available, away or dnd); a logged-in one mostly logs out, else changes state.
        const next: ClientState =
          was === 'offline' || random() < 0.3
            ? ((['available', 'away', 'dnd'] as const)[Math.floor(random() * 3)] ?? 'available')
            : 'offline';
        if (was === 'offline' && next !== 'offline') counts.login++;
        if (next === 'offline') {
          counts.logout++;
          if (expected(u.userId, u.address, step.at) === 'busy') counts.inMeetingAtLogout++;
        }
        clients.set(u.userId, next);
        lab.imp.presence.setClient(u.userId, next);
      }
      for (const u of users) {
        const want = expected(u.userId, u.address, step.at);
        const got = lab.presence(u.userId);
        checked++;
        const label = truthLabel(clients.get(u.userId)!, want);
        if (got.calendar !== want || got.label !== label) {
          mismatches.push(
            `${new Date(step.at).toISOString()} ${u.userId}: published ${got.label} (${got.calendar}), truth ${label} (${want})`,
          );
        }
      }
    }
    expect(mismatches.slice(0, 20)).toEqual([]);
    expect(mismatches).toHaveLength(0);
    expect(checked).toBe((24 * 60 + CHANGES + CLIENT_CHANGES) * USERS);
    // Clients came and went, some of them in the middle of a meeting.
    expect(counts.login).toBeGreaterThan(100);
    expect(counts.logout).toBeGreaterThan(100);
    expect(counts.inMeetingAtLogout).toBeGreaterThan(5);
    // The run exercised every kind of change and produced real transitions.
    expect(counts.create).toBeGreaterThan(50);
    expect(counts.move).toBeGreaterThan(50);
    expect(counts.cancel).toBeGreaterThan(50);
    const published = lab.changes.filter((c) => c.previous && c.previous.calendar !== c.presence.calendar);
    expect(published.length).toBeGreaterThan(USERS * 4);
    expect(lab.journal('calendar').filter((m) => m.includes('failed'))).toEqual([]);
  }, 600_000);
});

/** Create (sometimes in progress), move (sometimes changing free/busy) or cancel one of the mailbox's meetings. */
function applyRandomChange(
  lab: PresenceLab,
  address: string,
  now: number,
  random: () => number,
): 'create' | 'move' | 'cancel' {
  const admin = lab.exchange.admin;
  const existing = admin.meetings(address);
  const r = random();
  if (existing.length === 0 || r < 0.4) {
    const m = randomMeeting('added', Math.floor(now / DAY) * DAY, random);
    if (random() < 0.5) {
      // In progress right now: the notification alone must flip the user.
      const start = now - Math.floor(random() * 60) * MINUTE;
      m.start = new Date(start).toISOString();
      m.end = new Date(now + (1 + Math.floor(random() * 120)) * MINUTE).toISOString();
    }
    admin.createMeeting(address, m);
    return 'create';
  }
  const target = existing[Math.floor(random() * existing.length)]!;
  if (r < 0.75) {
    const duration = Date.parse(target.end) - Date.parse(target.start);
    const start =
      random() < 0.5 ? now + Math.floor((random() - 0.5) * 240) * MINUTE : Date.parse(target.start) + 15 * MINUTE;
    admin.updateMeeting(address, target.id, {
      start: new Date(start).toISOString(),
      end: new Date(start + duration).toISOString(),
      ...(random() < 0.2 ? { freeBusy: pickFreeBusy(random) } : {}),
    });
    return 'move';
  }
  admin.deleteMeeting(address, target.id);
  return 'cancel';
}
