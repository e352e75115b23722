import { afterEach, describe, expect, it } from 'vitest';
import { PresenceLab } from '../../../support/presence-lab.ts';
import { presenceOrgConfig } from '../../../support/presence-org.ts';
import { T } from '../../../support/test-org.ts';

const at = (hhmm: string) => Date.parse(T(hhmm));

describe('streaming mode (selectable per gateway, for comparison with push)', () => {
  let h: PresenceLab | undefined;
  afterEach(async () => {
    await h?.stop();
    h = undefined;
  });

  it('subscribes with streaming subscriptions on one GetStreamingEvents connection per gateway, applies changes at once, and recovers after a server restart', async () => {
    h = await PresenceLab.start({
      org: presenceOrgConfig(),
      before: (lab) => {
        for (const gw of lab.imp.config.gateways.list()) lab.imp.config.gateways.update(gw.id, { mode: 'streaming' });
      },
    });
    expect(h.imp.calendars.list().map((s) => [s.mode, s.status])).toEqual(Array(5).fill(['streaming', 'subscribed']));
    // Affinity: the group's anchor (its first mailbox, alice on ex1) decides where every subscription lives,
    // dave's and erin's on ex2 included, so one connection impersonating alice carries them all.
    expect(h.exchange.admin.subscriptions({ kind: 'streaming' }).map((s) => s.server)).toEqual(Array(5).fill('ex1'));

    // A meeting created during its own time flips the user as soon as the stream carries the event.
    h.exchange.admin.createMeeting('dave@example.test', {
      subject: 'Standby',
      start: T('08:00'),
      end: T('08:50'),
      freeBusy: 'Busy',
    });
    await h.settle();
    await waitFor(() => h!.presence('dave').calendar === 'busy');

    // A restart of the group's Mailbox server closes its listener for 20 s and loses the subscriptions: the
    // engine's reopen attempts are refused until it listens again, then the stream reports them and the
    // engine subscribes again.
    h.exchange.admin.restartServer('ex1', 20_000);
    h.exchange.admin.createMeeting('dave@example.test', {
      subject: 'Later',
      start: T('08:00'),
      end: T('08:55'),
      freeBusy: 'OOF',
    });
    await h.advanceTo(at('08:01'));
    await waitFor(
      () => h!.imp.calendars.get('dave')?.status === 'subscribed' && h!.presence('dave').calendar === 'oof',
    );
    expect(
      h.journal('calendar').some((m) => /^streaming connection to ex1.example.test failed: .*ECONNREFUSED/.test(m)),
    ).toBe(true);
    expect(
      h.journal('calendar').some((m) => /^streaming from ex1.example.test: ErrorSubscriptionNotFound/.test(m)),
    ).toBe(true);
    expect(
      h
        .journal('calendar')
        .some((m) => m.startsWith('Exchange reported ErrorSubscriptionNotFound for dave@example.test')),
    ).toBe(true);
  });
});

/** Streams deliver on their own schedule: yield event-loop turns (not wall time) until the condition holds. */
async function waitFor(cond: () => boolean, turns = 20_000): Promise<void> {
  for (let i = 0; i < turns && !cond(); i++) {
    await new Promise<void>((r) => setImmediate(r));
    if (i % 20 === 19) await new Promise<void>((r) => setTimeout(r, 0));
  }
  expect(cond()).toBe(true);
}
