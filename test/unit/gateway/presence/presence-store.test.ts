import { describe, expect, it } from 'vitest';
import { composePresence } from '../../../../gateway/presence/presence-composer.ts';
import { type PresenceChange, PresenceStore } from '../../../../gateway/presence/presence-store.ts';

/** DESIGN §4's composition, strongest first: Offline, Do Not Disturb, the calendar, the client's own state. */
describe('presence composition', () => {
  it.each([
    ['offline', 'busy', true, 'Offline'],
    ['offline', 'oof', true, 'Offline'],
    ['dnd', 'busy', true, 'Do Not Disturb'],
    ['dnd', 'oof', true, 'Do Not Disturb'],
    ['available', 'busy', false, 'In a meeting'],
    ['away', 'busy', false, 'In a meeting'],
    ['available', 'oof', true, 'Out of Office'],
    ['available', 'oof', false, 'Away'],
    ['available', 'free', true, 'Available'],
    ['away', 'free', true, 'Away'],
    ['available', 'unknown', true, 'Available'],
    ['away', 'unknown', false, 'Away'],
  ] as const)('client %s, calendar %s, Out of Office parameter %s: %s', (client, calendar, oof, label) => {
    expect(composePresence(client, calendar, oof)).toEqual({ label, client, calendar });
  });
});

describe('PresenceStore', () => {
  const store = (outOfOffice = false) => {
    let now = 1_000;
    const s = new PresenceStore(() => now, outOfOffice);
    const changes: PresenceChange[] = [];
    s.on('change', (c) => changes.push(c));
    return { s, changes, tick: () => now++ };
  };

  it('an unknown user is offline with an unknown calendar, and nothing is published for them', () => {
    const { s, changes } = store();
    expect(s.get('Nobody')).toEqual({ label: 'Offline', client: 'offline', calendar: 'unknown' });
    expect(s.all()).toEqual({});
    expect(changes).toEqual([]);
  });

  it('publishes under the lower-case ID, with the previous presence and the time', () => {
    const { s, changes, tick } = store();
    s.setClient('Alice', 'available');
    tick();
    s.setCalendar('ALICE', 'busy');
    expect(changes).toEqual([
      {
        userId: 'alice',
        presence: { label: 'Available', client: 'available', calendar: 'unknown' },
        previous: undefined,
        at: 1_000,
      },
      {
        userId: 'alice',
        presence: { label: 'In a meeting', client: 'available', calendar: 'busy' },
        previous: { label: 'Available', client: 'available', calendar: 'unknown' },
        at: 1_001,
      },
    ]);
    expect(s.get('aLiCe').label).toBe('In a meeting');
    expect(Object.keys(s.all())).toEqual(['alice']);
  });

  it('emits when any input changes, even if the label stays; never when nothing changed', () => {
    const { s, changes } = store();
    s.setClient('bob', 'available');
    s.setClient('bob', 'available');
    expect(changes).toHaveLength(1);
    s.setCalendar('bob', 'free');
    expect(changes.map((c) => [c.presence.label, c.presence.calendar])).toEqual([
      ['Available', 'unknown'],
      ['Available', 'free'],
    ]);
    s.setClient('bob', 'dnd');
    s.setCalendar('bob', 'busy');
    expect(changes.map((c) => c.presence.label)).toEqual([
      'Available',
      'Available',
      'Do Not Disturb',
      'Do Not Disturb',
    ]);
    s.setClient('bob', 'dnd');
    s.setCalendar('bob', 'busy');
    expect(changes).toHaveLength(4);
  });

  it('forget drops the calendar state only; the client state stays', () => {
    const { s, changes } = store();
    s.setClient('carol', 'away');
    s.setCalendar('carol', 'busy');
    s.forget('CAROL');
    expect(changes.at(-1)?.presence).toEqual({ label: 'Away', client: 'away', calendar: 'unknown' });
  });

  it('applies the Out of Office parameter the store was made with, off by default', () => {
    const on = store(true);
    on.s.setClient('dave', 'available');
    on.s.setCalendar('dave', 'oof');
    expect(on.s.get('dave').label).toBe('Out of Office');
    const off = new PresenceStore(() => 0);
    off.setClient('dave', 'available');
    off.setCalendar('dave', 'oof');
    expect(off.get('dave').label).toBe('Away');
  });

  it('a change of the Out of Office parameter shows at the next publish, though no input changed', () => {
    const { s, changes } = store();
    s.setClient('erin', 'available');
    s.setCalendar('erin', 'oof');
    s.outOfOffice = true;
    s.setCalendar('erin', 'oof');
    expect(changes.map((c) => c.presence.label)).toEqual(['Available', 'Away', 'Out of Office']);
  });

  it('a change of the client state under a meeting is published though the label stays In a meeting', () => {
    const { s, changes } = store();
    s.setCalendar('frank', 'busy');
    s.setClient('frank', 'available');
    s.setClient('frank', 'away');
    expect(changes.map((c) => [c.presence.label, c.presence.client])).toEqual([
      ['Offline', 'offline'],
      ['In a meeting', 'available'],
      ['In a meeting', 'away'],
    ]);
  });

  it('any number of listeners may watch without a leak warning', () => {
    const { s } = store();
    expect(s.getMaxListeners()).toBe(0);
  });
});
