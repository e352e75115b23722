import { once } from 'node:events';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MockExchange } from '../../../../mock-exchange/mock-exchange.ts';
import { VirtualClock } from '../../../../sim/clock.ts';
import { ewsCall } from '../../../support/ews-call.ts';
import { schemaTestsEnabled, validateAgainstSchema } from '../../../support/ews-schema.ts';
import { postEws, streamedEnvelopes } from '../../../support/https-post.ts';
import {
  getEvents,
  getStreamingEvents,
  subscribed,
  subscribePull,
  subscribeStreaming,
} from '../../../support/notification-soap.ts';
import { soapEnvelope } from '../../../support/soap-envelope.ts';
import { T, TEST_START, testOrgConfig } from '../../../support/test-org.ts';

const ALICE = 'alice@example.test';
const schema = schemaTestsEnabled('notifications-missed-events');

/**
 * ErrorMissedNotificationEvents ("Get events when some previous events were missed": Microsoft's "Handling
 * notification-related errors in EWS in Exchange"): events that left the retention window before the
 * subscriber read them. Retention is one minute here instead of Exchange's 30 days.
 */
describe('events missed after leaving the retention window', () => {
  let mock: MockExchange;
  let clock: VirtualClock;
  beforeEach(async () => {
    clock = new VirtualClock(TEST_START);
    mock = new MockExchange({ config: testOrgConfig(), clock, notifications: { retentionMs: 60_000 } });
    await mock.start();
  });
  afterEach(async () => {
    await mock.stop();
  });

  it('GetEvents at a watermark whose events are gone answers ErrorMissedNotificationEvents; the subscription stays', async () => {
    const pull = await subscribed(await ewsCall(mock, subscribePull({ timeout: '30' }), { impersonate: ALICE }));
    mock.admin.createMeeting(ALICE, { subject: 'Lost', start: T('15:00'), end: T('15:30') });
    clock.advance(120_000);
    const reply = await ewsCall(mock, getEvents(pull.id, pull.watermark!), { impersonate: ALICE });
    expect(reply.status).toBe(200);
    expect(reply.code).toBe('ErrorMissedNotificationEvents');
    expect(reply.body).toContain('ResponseClass="Error"');
    expect(mock.admin.subscriptions({ kind: 'pull' }).map((s) => s.id)).toEqual([pull.id]);
    // Within the window the same subscription reads normally.
    const fresh = await subscribed(await ewsCall(mock, subscribePull({ timeout: '30' }), { impersonate: ALICE }));
    mock.admin.createMeeting(ALICE, { subject: 'Kept', start: T('16:00'), end: T('16:30') });
    const ok = await ewsCall(mock, getEvents(fresh.id, fresh.watermark!), { impersonate: ALICE });
    expect(ok.code).toBe('NoError');
    expect(ok.body).toContain('<t:CreatedEvent>');
    if (schema) {
      const results = await validateAgainstSchema([
        { name: 'GetEvents-ErrorMissedNotificationEvents', xml: reply.body },
      ]);
      expect(results.filter((r) => !r.valid)).toEqual([]);
    }
  });

  it('a stream opened after events left retention reports ErrorMissedNotificationEvents for the subscription, then carries the kept events', async () => {
    const sub = await subscribed(await ewsCall(mock, subscribeStreaming(), { impersonate: ALICE }));
    const lost = mock.admin.createMeeting(ALICE, { subject: 'Lost', start: T('15:00'), end: T('15:30') });
    clock.advance(120_000);
    const kept = mock.admin.createMeeting(ALICE, { subject: 'Kept', start: T('16:00'), end: T('16:30') });
    const opened = once(mock.notifications, 'stream-opened');
    const stream = postEws(mock, soapEnvelope(getStreamingEvents([sub.id]), { impersonate: ALICE }));
    await opened;
    clock.advance(60_000);
    const envelopes = streamedEnvelopes((await stream).body);
    const missed = envelopes[0] ?? '';
    expect(missed).toContain('<m:ResponseCode>ErrorMissedNotificationEvents</m:ResponseCode>');
    expect(missed).toContain(`<m:ErrorSubscriptionIds><m:SubscriptionId>${sub.id}</m:SubscriptionId>`);
    expect(missed).not.toContain('ConnectionStatus');
    const events = envelopes.slice(1).join('');
    expect(events).toContain(`Id="${kept.id}"`);
    expect(events).not.toContain(`Id="${lost.id}"`);
    expect(envelopes.at(-1)).toContain('<m:ConnectionStatus>Closed</m:ConnectionStatus>');
    // Kept, as ews-javascript-api and the managed API keep a subscription on this code.
    expect(mock.admin.subscriptions({ kind: 'streaming' }).map((s) => s.id)).toEqual([sub.id]);
  });
});
