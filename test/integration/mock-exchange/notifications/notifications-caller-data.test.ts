import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MockExchange } from '../../../../mock-exchange/mock-exchange.ts';
import { ewsCall } from '../../../support/ews-call.ts';
import { schemaTestsEnabled, validateAgainstSchema } from '../../../support/ews-schema.ts';
import { startMock } from '../../../support/mock-server.ts';
import { subscribed, subscribePush } from '../../../support/notification-soap.ts';
import { PushListener } from '../../../support/push-listener.ts';
import { soapEnvelope } from '../../../support/soap-envelope.ts';
import { T } from '../../../support/test-org.ts';

const ALICE = 'alice@example.test';
const schema = schemaTestsEnabled('notifications-caller-data');
const CALLER_DATA = 'gateway=cup01;user=alice';

/**
 * CallerData (PushSubscriptionRequestType, Exchange 2013+; Microsoft: "intended for internal use only") is
 * accepted and kept, but not echoed: the schema declares it on the request only, and a SendNotification
 * carrying it would not validate.
 */
describe('push CallerData', () => {
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

  it('is accepted on Subscribe and listed, and the pushes it leads to stay as the schema has them', async () => {
    const body = subscribePush(listener.url('/cd'), 30).replace(
      '</t:URL>',
      `</t:URL><t:CallerData>${CALLER_DATA}</t:CallerData>`,
    );
    const sub = await subscribed(await ewsCall(mock, body, { impersonate: ALICE }));
    expect(mock.admin.subscriptions().map((s) => [s.id, s.callerData])).toEqual([[sub.id, CALLER_DATA]]);
    const meeting = mock.admin.createMeeting(ALICE, { subject: 'Echo?', start: T('15:00'), end: T('15:30') });
    const push = await listener.next('/cd');
    expect(push.body).toContain(`Id="${meeting.id}"`);
    expect(push.body).not.toContain(CALLER_DATA);
    expect(push.body).not.toContain('CallerData');
    if (schema) {
      const echoed = push.body.replace(
        '</t:SubscriptionId>',
        `</t:SubscriptionId><t:CallerData>${CALLER_DATA}</t:CallerData>`,
      );
      const [request, sent, withEcho] = await validateAgainstSchema([
        { name: 'Subscribe-push-CallerData', xml: soapEnvelope(body, { impersonate: ALICE }) },
        { name: 'SendNotification', xml: push.body },
        { name: 'SendNotification-with-CallerData', xml: echoed },
      ]);
      expect(request?.errors).toEqual([]);
      expect(sent?.errors).toEqual([]);
      // Nowhere in NotificationType: the echo Exchange 2013 might make has no schema-valid place.
      expect(withEcho?.valid).toBe(false);
      expect(withEcho?.errors.join('\n')).toContain('CallerData');
    }
  });
});
