import { once } from 'node:events';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseXml } from '../../../../ews/soap-request.ts';
import type { MockExchange } from '../../../../mock-exchange/mock-exchange.ts';
import { admin } from '../../../support/admin-client.ts';
import { ewsCall } from '../../../support/ews-call.ts';
import { schemaTestsEnabled, validateAgainstSchema } from '../../../support/ews-schema.ts';
import { postEws, streamedEnvelopes } from '../../../support/https-post.ts';
import { startMock } from '../../../support/mock-server.ts';
import {
  getEvents,
  getStreamingEvents,
  subscribed,
  subscribePull,
  subscribePush,
  subscribeStreaming,
} from '../../../support/notification-soap.ts';
import { PushListener } from '../../../support/push-listener.ts';
import { soapEnvelope } from '../../../support/soap-envelope.ts';

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
    expect(reply).toEqual({ status: 200, body: { id: sub.id, kind: 'push', outcome: 'OK' } });
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

  it('is refused for a subscription that is not live', async () => {
    const reply = await admin<{ error: { code: string } }>(mock, 'POST', '/subscriptions/nope/read-events-failed');
    expect(reply.status).toBe(400);
    expect(JSON.stringify(reply.body)).toContain('\\"nope\\" is not a live subscription');
  });
});

/**
 * Pull and streaming ErrorReadEventsFailed: the error reaches the subscriber the way it reads events (the GetEvents
 * response, a message on the open stream naming the subscription) and the subscription is deleted.
 */
describe('pull and streaming ErrorReadEventsFailed', () => {
  let mock: MockExchange;
  beforeEach(async () => {
    mock = await startMock();
  });
  afterEach(async () => {
    await mock.stop();
  });

  const fail = (id: string) =>
    admin<{ id: string; kind: string; outcome: string }>(
      mock,
      'POST',
      `/subscriptions/${encodeURIComponent(id)}/read-events-failed`,
    );

  it('pull: the next GetEvents answers ErrorReadEventsFailed (200, Error) and the subscription is then gone', async () => {
    const pull = await subscribed(await ewsCall(mock, subscribePull({ timeout: '30' }), { impersonate: ALICE }));
    expect(await fail(pull.id)).toEqual({
      status: 200,
      body: { id: pull.id, kind: 'pull', outcome: 'reported at the next GetEvents' },
    });
    expect(mock.admin.subscriptions().map((s) => s.id)).toEqual([pull.id]);
    const reply = await ewsCall(mock, getEvents(pull.id, pull.watermark!), { impersonate: ALICE });
    expect(reply.status).toBe(200);
    expect(reply.body).toContain('<m:GetEventsResponseMessage ResponseClass="Error">');
    expect(reply.code).toBe('ErrorReadEventsFailed');
    expect(reply.body).not.toContain('<m:Notification>');
    expect(mock.admin.subscriptions()).toEqual([]);
    const again = await ewsCall(mock, getEvents(pull.id, pull.watermark!), { impersonate: ALICE });
    expect(again.code).toBe('ErrorSubscriptionNotFound');
    if (schema) {
      const results = await validateAgainstSchema([{ name: 'GetEvents-ErrorReadEventsFailed', xml: reply.body }]);
      expect(results.filter((r) => !r.valid)).toEqual([]);
    }
  });

  it('streaming on an open connection: an error message naming the subscription, then Closed, and it is gone', async () => {
    const sub = await subscribed(await ewsCall(mock, subscribeStreaming(), { impersonate: ALICE }));
    const opened = once(mock.notifications, 'stream-opened');
    const stream = postEws(mock, soapEnvelope(getStreamingEvents([sub.id]), { impersonate: ALICE }));
    await opened;
    expect((await fail(sub.id)).body).toEqual({ id: sub.id, kind: 'streaming', outcome: 'sent on the open stream' });
    const envelopes = streamedEnvelopes((await stream).body);
    const error = envelopes.find((e) => e.includes('ResponseClass="Error"')) ?? '';
    expect(error).toContain('<m:ResponseCode>ErrorReadEventsFailed</m:ResponseCode>');
    expect(error).toContain(`<m:ErrorSubscriptionIds><m:SubscriptionId>${sub.id}</m:SubscriptionId>`);
    expect(envelopes.at(-1)).toContain('<m:ConnectionStatus>Closed</m:ConnectionStatus>');
    expect(mock.admin.subscriptions()).toEqual([]);
  });

  it('streaming without a connection: the next GetStreamingEvents reports ErrorReadEventsFailed for it, once', async () => {
    const sub = await subscribed(await ewsCall(mock, subscribeStreaming(), { impersonate: ALICE }));
    expect((await fail(sub.id)).body).toMatchObject({ outcome: 'reported at the next GetStreamingEvents' });
    const first = streamedEnvelopes(
      (await postEws(mock, soapEnvelope(getStreamingEvents([sub.id]), { impersonate: ALICE }))).body,
    );
    expect(first).toHaveLength(1);
    expect(first[0]).toContain('<m:ResponseCode>ErrorReadEventsFailed</m:ResponseCode>');
    expect(first[0]).toContain(`<m:SubscriptionId>${sub.id}</m:SubscriptionId>`);
    expect(first[0]).toContain('<m:ConnectionStatus>Closed</m:ConnectionStatus>');
    expect(mock.admin.subscriptions()).toEqual([]);
    const second = streamedEnvelopes(
      (await postEws(mock, soapEnvelope(getStreamingEvents([sub.id]), { impersonate: ALICE }))).body,
    );
    expect(second[0]).toContain('<m:ResponseCode>ErrorSubscriptionNotFound</m:ResponseCode>');
  });
});
