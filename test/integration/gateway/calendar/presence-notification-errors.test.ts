import { afterEach, describe, expect, it } from 'vitest';
import type { Lab } from '../../../../lab/create-lab.ts';
import { PresenceLab } from '../../../support/presence-lab.ts';
import { presenceOrgConfig } from '../../../support/presence-org.ts';
import { T } from '../../../support/test-org.ts';

const at = (hhmm: string) => Date.parse(T(hhmm));
const ALICE = 'alice@example.test';
const busyNow = { subject: 'Escalation', start: T('08:00'), end: T('08:50'), freeBusy: 'Busy' as const };

const mode = (m: 'pull' | 'streaming') => (lab: Lab) => {
  for (const gw of lab.imp.config.gateways.list()) lab.imp.config.gateways.update(gw.id, { mode: m });
};

/** Streams deliver on their own schedule: yield event-loop turns (not wall time) until the condition holds. */
async function waitFor(cond: () => boolean, turns = 20_000): Promise<void> {
  for (let i = 0; i < turns && !cond(); i++) {
    await new Promise<void>((r) => setImmediate(r));
    if (i % 20 === 19) await new Promise<void>((r) => setTimeout(r, 0));
  }
  expect(cond()).toBe(true);
}

/**
 * ErrorReadEventsFailed ("Get events from a subscription that cannot be found": Microsoft's "Handling
 * notification-related errors in EWS in Exchange", handled by creating a new subscription) reaching the engine
 * the way each delivery mode reads events.
 */
describe('the engine subscribes again when Exchange reports ErrorReadEventsFailed', () => {
  let h: PresenceLab | undefined;
  afterEach(async () => {
    await h?.stop();
    h = undefined;
  });

  it('pull: the next GetEvents fails with it; the engine subscribes again and re-reads the calendar', async () => {
    h = await PresenceLab.start({
      org: presenceOrgConfig(),
      parameters: { office365PullInterval: 5 },
      before: mode('pull'),
    });
    const old = h.imp.calendars.get('alice')!;
    expect(old).toMatchObject({ mode: 'pull', status: 'subscribed' });
    await h.advanceTo(at('08:02'));
    const r = await h.exchange.admin.failReadEvents(old.subscriptionId!);
    expect(r.outcome).toBe('reported at the next GetEvents');
    h.exchange.admin.createMeeting(ALICE, busyNow);
    await h.advanceTo(at('08:05'));
    expect(
      h.journal('calendar').some((m) => /^pull for alice@example\.test failed: .*ErrorReadEventsFailed/.test(m)),
    ).toBe(true);
    const now = h.imp.calendars.get('alice')!;
    expect(now.status).toBe('subscribed');
    expect(now.subscriptionId).not.toBe(old.subscriptionId);
    expect(h.exchange.admin.subscriptions({ mailbox: ALICE }).map((s) => s.id)).toEqual([now.subscriptionId]);
    expect(h.presence('alice').calendar).toBe('busy');
  });

  it('streaming: the stream names the subscription with it; the engine subscribes again and hears changes', async () => {
    h = await PresenceLab.start({ org: presenceOrgConfig(), before: mode('streaming') });
    const old = h.imp.calendars.get('alice')!;
    expect(old).toMatchObject({ mode: 'streaming', status: 'subscribed' });
    await h.advanceTo(at('08:02'));
    const r = await h.exchange.admin.failReadEvents(old.subscriptionId!);
    expect(r.outcome).toBe('sent on the open stream');
    await waitFor(() => {
      const s = h!.imp.calendars.get('alice');
      return s?.status === 'subscribed' && s.subscriptionId !== old.subscriptionId;
    });
    expect(
      h.journal('calendar').some((m) => m.startsWith('Exchange reported ErrorReadEventsFailed for alice@example.test')),
    ).toBe(true);
    const fresh = h.imp.calendars.get('alice')!.subscriptionId;
    expect(h.exchange.admin.subscriptions({ mailbox: ALICE }).map((s) => s.id)).toEqual([fresh]);
    h.exchange.admin.createMeeting(ALICE, busyNow);
    await h.settle();
    await waitFor(() => h!.presence('alice').calendar === 'busy');
  });
});

/**
 * Push ErrorMissedNotificationEvents: Microsoft's guidance is to find out what changed and create a new
 * subscription; the engine re-reads the calendar (FindItem CalendarView) with a new subscription and tells
 * Exchange to drop the old one.
 */
describe('the engine resynchronizes when a push reports ErrorMissedNotificationEvents', () => {
  let h: PresenceLab | undefined;
  afterEach(async () => {
    await h?.stop();
    h = undefined;
  });

  it('a meeting lost while the notification port was unreachable shows once the missed-events push arrives', async () => {
    h = await PresenceLab.start({ org: presenceOrgConfig() });
    const old = h.imp.calendars.get('alice')!;
    expect(old).toMatchObject({ mode: 'push', status: 'subscribed' });
    await h.advanceTo(at('08:02'));
    await h.exchange.faults.set('ex1', [{ type: 'callback-unreachable' }]);
    h.exchange.admin.createMeeting(ALICE, busyNow);
    await h.settle();
    expect(h.journal().some((m) => m.startsWith('push to http') && m.includes('connect'))).toBe(true);
    // The queue overflows: the CreatedEvent waiting for the engine is lost.
    expect(h.exchange.admin.missEvents(old.subscriptionId!).missed).toBeGreaterThan(0);
    await h.exchange.faults.clear('ex1');
    await h.advance(30_000 - 1);
    expect(h.presence('alice').calendar).toBe('free');
    // Exchange's first retry (30 s after the failed push) reports the loss.
    await h.advance(1);
    expect(h.journal()).toContain(`push (ErrorMissedNotificationEvents) to ${h.imp.calendars.callbackUrl} Unsubscribe`);
    expect(h.journal('calendar')).toContain(
      'Exchange reported ErrorMissedNotificationEvents for alice@example.test; events were missed: re-reading the calendar and subscribing again',
    );
    const now = h.imp.calendars.get('alice')!;
    expect(now.status).toBe('subscribed');
    expect(now.subscriptionId).not.toBe(old.subscriptionId);
    expect(h.exchange.admin.subscriptions({ mailbox: ALICE }).map((s) => s.id)).toEqual([now.subscriptionId]);
    expect(h.presence('alice').calendar).toBe('busy');
    expect(h.presence('alice').calendar).toBe(h.truth(ALICE, h.clock.now()));
  });
});
