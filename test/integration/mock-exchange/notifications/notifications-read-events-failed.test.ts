import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseXml } from '../../../../ews/soap-request.ts';
import type { MockExchange } from '../../../../mock-exchange/mock-exchange.ts';
import { admin } from '../../../support/admin-client.ts';
import { ewsCall } from '../../../support/ews-call.ts';
import { schemaTestsEnabled, validateAgainstSchema } from '../../../support/ews-schema.ts';
import { startMock } from '../../../support/mock-server.ts';
import { subscribed, subscribePush } from '../../../support/notification-soap.ts';
import { PushListener } from '../../../support/push-listener.ts';

const ALICE = 'alice@example.test';
const schema = schemaTestsEnabled('notifications-read-events-failed');

/**
 * Push ErrorReadEventsFailed: "Get events from a subscription that cannot be found" (Microsoft's "Handling
 * notification-related errors in EWS in Exchange"); the push carries the subscription id in MessageXml and no
 * Notification, and the subscription is deleted.
 */
describe('push ErrorReadEventsFailed', () => {
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

  it('is pushed as an error message naming the subscription, which is then gone', async () => {
    const sub = await subscribed(await ewsCall(mock, subscribePush(listener.url('/rf'), 30), { impersonate: ALICE }));
    const reply = await admin<{ id: string; outcome: string }>(
      mock,
      'POST',
      `/subscriptions/${encodeURIComponent(sub.id)}/read-events-failed`,
    );
    expect(reply).toEqual({ status: 200, body: { id: sub.id, outcome: 'OK' } });
    const push = await listener.next('/rf');
    const message = (await parseXml(push.body)).at(
      'Body',
      'SendNotification',
      'ResponseMessages',
      'SendNotificationResponseMessage',
    );
    expect(message?.attr('ResponseClass')).toBe('Error');
    expect(message?.textAt('ResponseCode')).toBe('ErrorReadEventsFailed');
    expect(
      message
        ?.child('MessageXml')
        ?.all('Value')
        .map((v) => [v.attr('Name'), v.text]),
    ).toEqual([['SubscriptionId', sub.id]]);
    expect(message?.child('Notification')).toBeUndefined();
    expect(mock.admin.subscriptions()).toEqual([]);
    if (schema) {
      // The wire lacks the Notification the schema requires, and differs in nothing else.
      const [result] = await validateAgainstSchema([
        { name: 'SendNotification-ErrorReadEventsFailed', xml: push.body },
      ]);
      expect(result?.valid).toBe(false);
      expect(result?.errors.join('\n')).toMatch(
        /Missing child element\(s\)\. Expected is \( \{[^}]*messages\}Notification \)/,
      );
      const withNotification = push.body.replace(
        '</m:MessageXml>',
        `</m:MessageXml><m:Notification><t:SubscriptionId>${sub.id}</t:SubscriptionId><t:PreviousWatermark>x</t:PreviousWatermark><t:MoreEvents>false</t:MoreEvents><t:StatusEvent><t:Watermark>x</t:Watermark></t:StatusEvent></m:Notification>`,
      );
      const [fixed] = await validateAgainstSchema([{ name: 'with-Notification', xml: withNotification }]);
      expect(fixed?.errors).toEqual([]);
    }
  });

  it('is refused for a subscription that is not a live push subscription', async () => {
    const reply = await admin<{ error: { code: string } }>(mock, 'POST', '/subscriptions/nope/read-events-failed');
    expect(reply.status).toBe(400);
    expect(JSON.stringify(reply.body)).toContain('not a live push subscription');
  });
});
