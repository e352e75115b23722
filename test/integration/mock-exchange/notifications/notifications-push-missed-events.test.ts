import { once } from 'node:events';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseXml } from '../../../../ews/soap-request.ts';
import type { MockExchange } from '../../../../mock-exchange/mock-exchange.ts';
import type { VirtualClock } from '../../../../sim/clock.ts';
import { admin } from '../../../support/admin-client.ts';
import { ewsCall } from '../../../support/ews-call.ts';
import { schemaTestsEnabled, validateAgainstSchema } from '../../../support/ews-schema.ts';
import { startMock } from '../../../support/mock-server.ts';
import { subscribed, subscribePush } from '../../../support/notification-soap.ts';
import { PushListener } from '../../../support/push-listener.ts';
import { T } from '../../../support/test-org.ts';

const ALICE = 'alice@example.test';
const schema = schemaTestsEnabled('notifications-push-missed-events');

const messageOf = async (body: string) =>
  (await parseXml(body)).at('Body', 'SendNotification', 'ResponseMessages', 'SendNotificationResponseMessage');

/**
 * Push ErrorMissedNotificationEvents ("Get events when some previous events were missed": Microsoft's "Handling
 * notification-related errors in EWS in Exchange"): the subscription's queue overflowed while its subscriber could
 * not be reached, so the events waiting for it are lost; the next push reports the condition.
 */
describe('push ErrorMissedNotificationEvents', () => {
  let mock: MockExchange;
  let listener: PushListener;
  beforeEach(async () => {
    mock = await startMock();
    listener = await new PushListener().start();
  });
  afterEach(async () => {
    await mock.stop();
    await listener.stop();
  });

  it('the next push is an Error message whose Notification goes on without the lost events; the subscription lives on', async () => {
    const sub = await subscribed(await ewsCall(mock, subscribePush(listener.url('/me'), 30), { impersonate: ALICE }));
    await mock.faults.set('ex1', [{ type: 'callback-unreachable' }]);
    const failed = once(mock.notifications, 'push');
    const lost = mock.admin.createMeeting(ALICE, { subject: 'Lost', start: T('15:00'), end: T('15:30') });
    const [attempt] = await failed;
    expect(attempt.outcome.status).toBe('failed');

    // One meeting, one CreatedEvent (the only event type subscribed) waiting: that is what is lost.
    const reply = await admin(mock, 'POST', `/subscriptions/${encodeURIComponent(sub.id)}/missed-events`);
    expect(reply).toEqual({ status: 200, body: { id: sub.id, kind: 'push', missed: 1 } });
    await mock.faults.clear('ex1');
    // The first retry, 30 s after the failed attempt, carries the report.
    (mock.clock as VirtualClock).advance(30_000);
    const push = await listener.next('/me');
    const message = await messageOf(push.body);
    expect(message?.attr('ResponseClass')).toBe('Error');
    expect(message?.textAt('ResponseCode')).toBe('ErrorMissedNotificationEvents');
    const notification = message?.child('Notification');
    expect(notification?.textAt('SubscriptionId')).toBe(sub.id);
    expect(notification?.children.map((c) => c.name)).toEqual([
      'SubscriptionId',
      'PreviousWatermark',
      'MoreEvents',
      'StatusEvent',
    ]);
    expect(push.body).not.toContain(lost.id);
    expect(mock.admin.subscriptions().map((s) => s.id)).toEqual([sub.id]);

    // Later events are pushed as usual.
    const kept = mock.admin.createMeeting(ALICE, { subject: 'Kept', start: T('16:00'), end: T('16:30') });
    const next = await listener.next('/me');
    expect((await messageOf(next.body))?.attr('ResponseClass')).toBe('Success');
    expect(next.body).toContain(`Id="${kept.id}"`);
    if (schema) {
      const results = await validateAgainstSchema([
        { name: 'SendNotification-ErrorMissedNotificationEvents', xml: push.body },
      ]);
      expect(results.filter((r) => !r.valid)).toEqual([]);
    }
  });

  it('is refused for a subscription that is not a live push subscription', async () => {
    const reply = await admin(mock, 'POST', '/subscriptions/nope/missed-events');
    expect(reply.status).toBe(400);
    expect(JSON.stringify(reply.body)).toContain('is not a live push subscription');
  });
});
