import { afterEach, describe, expect, it } from 'vitest';
import { spreadOffsetSeconds } from '../../../../gateway/calendar/calendar-spread.ts';
import type { PushAttempt } from '../../../../mock-exchange/notifications/push-channel.ts';
import { PresenceLab } from '../../../support/presence-lab.ts';
import { presenceOrgConfig } from '../../../support/presence-org.ts';
import { T } from '../../../support/test-org.ts';

const at = (hhmm: string) => Date.parse(T(hhmm));

describe('calendar presence: meeting state published at the calendar-spread offset', () => {
  let h: PresenceLab | undefined;
  afterEach(async () => {
    await h?.stop();
    h = undefined;
  });

  it('a meeting start and end publish In a meeting and Available at the user’s own spread offset', async () => {
    h = await PresenceLab.start({ org: presenceOrgConfig() });
    for (const u of ['alice', 'erin']) h.imp.presence.setClient(u, 'available');
    expect(h.presence('alice')).toMatchObject({ label: 'Available', calendar: 'free' });

    const meetings = [
      ['alice', at('09:00'), at('09:30')],
      ['erin', at('09:00'), at('10:00')],
    ] as const;
    // Every publish instant of both users, in time order: the label one millisecond before and at it.
    const checks = meetings
      .flatMap(([user, start, end]) => {
        const offset = spreadOffsetSeconds(user, 50) * 1000;
        expect(offset).toBeGreaterThan(0);
        expect(offset).toBeLessThanOrEqual(50_000);
        return [
          { user, instant: start + offset, before: 'Available', after: 'In a meeting' },
          { user, instant: end + offset, before: 'In a meeting', after: 'Available' },
        ];
      })
      .sort((a, b) => a.instant - b.instant);
    for (const c of checks) {
      await h.advanceTo(c.instant - 1);
      expect(h.presence(c.user).label, `${c.user} 1 ms before ${new Date(c.instant).toISOString()}`).toBe(c.before);
      await h.advanceTo(c.instant);
      expect(h.presence(c.user).label, `${c.user} at ${new Date(c.instant).toISOString()}`).toBe(c.after);
    }
    for (const [user, start, end] of meetings) {
      const offset = spreadOffsetSeconds(user, 50) * 1000;
      expect(h.changesOf(user, start).map((c) => [c.presence.label, c.at])).toEqual([
        ['In a meeting', start + offset],
        ['Available', end + offset],
      ]);
    }
    // Same boundary, different users, different instants: the spread keeps a node from flipping everyone at once.
    expect(spreadOffsetSeconds('alice', 50)).not.toBe(spreadOffsetSeconds('erin', 50));
  });

  it('Calendar Spread 0 publishes at the boundary itself', async () => {
    h = await PresenceLab.start({ org: presenceOrgConfig(), parameters: { calendarSpread: 0 } });
    await h.advanceTo(at('09:00') - 1);
    // alice, bob and erin are due at 09:00, carol at the end of her day off, dave never: two instants, two timers.
    expect(h.imp.calendars.boundaries).toEqual({ users: 4, timers: 2 });
    expect(h.presence('alice').calendar).toBe('free');
    await h.advanceTo(at('09:00'));
    expect(h.presence('alice').calendar).toBe('busy');
    expect(h.changesOf('alice').at(-1)?.at).toBe(at('09:00'));
    expect(h.changesOf('erin').at(-1)?.at).toBe(at('09:00'));
    // Next: alice at 09:30, bob and erin at 10:00, carol still at midnight.
    expect(h.imp.calendars.boundaries).toEqual({ users: 4, timers: 3 });
  });

  it('a meeting created during its own time flips the user within one notification', async () => {
    h = await PresenceLab.start({ org: presenceOrgConfig() });
    h.imp.presence.setClient('dave', 'available');
    await h.advanceTo(at('10:05'));
    const pushes: PushAttempt[] = [];
    h.exchange.notifications.on('push', (p) => {
      if (p.mailbox === 'dave@example.test') pushes.push(p);
    });
    const created = h.exchange.admin.createMeeting('dave@example.test', {
      subject: 'Escalation bridge',
      start: T('10:00'),
      end: T('11:00'),
      freeBusy: 'Busy',
    });
    await h.settle();
    expect(h.clock.now()).toBe(at('10:05'));
    expect(pushes).toHaveLength(1);
    expect(pushes[0]).toMatchObject({ statusEvent: false, outcome: { status: 'OK' } });
    expect(h.presence('dave').label).toBe('In a meeting');
    expect(h.changesOf('dave').at(-1)?.at).toBe(at('10:05'));

    // Cancelling it while it runs gives Available back the same way.
    h.exchange.admin.deleteMeeting('dave@example.test', created.id);
    await h.settle();
    expect(pushes).toHaveLength(2);
    expect(h.presence('dave').label).toBe('Available');
  });

  it('an out-of-office block shows Away, or Out of Office when Calendar Out of Office information is on', async () => {
    h = await PresenceLab.start({ org: presenceOrgConfig() });
    // Not logged in, Offline wins over the calendar; logged in, the calendar's OOF shows.
    expect(h.presence('carol')).toMatchObject({ label: 'Offline', calendar: 'oof' });
    h.imp.presence.setClient('carol', 'available');
    expect(h.presence('carol')).toMatchObject({ label: 'Away', calendar: 'oof' });
    h.imp.presence.setClient('carol', 'dnd');
    expect(h.presence('carol').label).toBe('Do Not Disturb');
    h.imp.presence.setClient('carol', 'available');

    // A service parameter: the running engine uses it after a restart, as IM&P does.
    h.imp.config.parameters.set({ calendarOutOfOffice: true });
    expect(h.presence('carol').label).toBe('Away');
    await h.imp.engine.restart();
    await h.settle();
    expect(h.presence('carol')).toMatchObject({ label: 'Out of Office', calendar: 'oof' });
    expect(h.presence('alice').label).toBe('Offline');
  });

  it('Tentative and Free blocks leave the user Available', async () => {
    h = await PresenceLab.start({ org: presenceOrgConfig() });
    h.imp.presence.setClient('bob', 'available');
    const from = h.clock.now();
    for (let t = at('08:30'); t <= at('11:00'); t += 60_000) {
      await h.advanceTo(t);
      expect(h.presence('bob'), `bob at ${new Date(t).toISOString()}`).toMatchObject({
        label: 'Available',
        calendar: 'free',
      });
    }
    expect(h.changesOf('bob', from + 1)).toEqual([]);
    // The subscription was live all along: the same hours do move alice.
    expect(h.changesOf('alice', from + 1).map((c) => c.presence.calendar)).toEqual(['busy', 'free']);
  });
});
