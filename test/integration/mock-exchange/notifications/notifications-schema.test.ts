import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockExchange } from '../../../../mock-exchange/mock-exchange.ts';
import type { PushAttempt } from '../../../../mock-exchange/notifications/push-channel.ts';
import type { VirtualClock } from '../../../../sim/clock.ts';
import { EventRecorder } from '../../../support/event-recorder.ts';
import { ewsCall } from '../../../support/ews-call.ts';
import { schemaTestsEnabled, validateAgainstSchema, type XmlDocument } from '../../../support/ews-schema.ts';
import { postEws, streamedEnvelopes } from '../../../support/https-post.ts';
import { startMock } from '../../../support/mock-server.ts';
import {
  getEvents,
  getStreamingEvents,
  subscribed,
  subscribePull,
  subscribePush,
  subscribeStreaming,
  unsubscribe,
} from '../../../support/notification-soap.ts';
import { PushListener } from '../../../support/push-listener.ts';
import { soapEnvelope } from '../../../support/soap-envelope.ts';
import { T } from '../../../support/test-org.ts';

const ALICE = 'alice@example.test';
const enabled = schemaTestsEnabled('notifications-schema');

/** Every kind of notification document the mock sends, captured over real sockets. */
async function capture(
  mock: MockExchange,
  listener: PushListener,
): Promise<{ valid: XmlDocument[]; wireOnly: XmlDocument[] }> {
  const clock = mock.clock as VirtualClock;
  const pushes = new EventRecorder<PushAttempt>(mock.notifications, 'push');
  const docs: XmlDocument[] = [];
  const add = (name: string, xml: string) => docs.push({ name, xml });
  const call = async (name: string, op: string) => {
    const reply = await ewsCall(mock, op, { impersonate: ALICE });
    add(name, reply.body);
    return reply;
  };
  const pull = await subscribed(
    await call('Subscribe-pull', subscribePull({ types: ['CreatedEvent', 'ModifiedEvent', 'DeletedEvent'] })),
  );
  await call('Subscribe-push', subscribePush(listener.url('/schema'), 1));
  const streaming = await subscribed(await call('Subscribe-streaming', subscribeStreaming()));
  await call('GetEvents-StatusEvent', getEvents(pull.id, pull.watermark ?? ''));

  const m = mock.admin.createMeeting(ALICE, { subject: 'schema', start: T('15:00'), end: T('15:30') });
  mock.admin.updateMeeting(ALICE, m.id, { location: 'Room 9' });
  mock.admin.deleteMeeting(ALICE, m.id);
  await call('GetEvents-Created-Modified-Deleted', getEvents(pull.id, pull.watermark ?? ''));
  await call('GetEvents-ErrorSubscriptionNotFound', getEvents('AAAA', pull.watermark ?? ''));
  await call(
    'Unsubscribe-ErrorInvalidPullSubscriptionId',
    unsubscribe((await subscribed(await ewsCall(mock, subscribePush(listener.url('/x')), { impersonate: ALICE }))).id),
  );
  add('SendNotification-events', (await listener.next('/schema')).body);

  // A streaming response: the pending events at once, an OK keepalive after 30 s, Closed at ConnectionTimeout.
  const opened = once(mock.notifications, 'stream-opened');
  const seen: string[] = [];
  let wake: () => void = () => {};
  const chunkWith = async (text: string) => {
    while (!seen.some((c) => c.includes(text))) await new Promise<void>((resolve) => (wake = resolve));
  };
  const stream = postEws(mock, soapEnvelope(getStreamingEvents([streaming.id]), { impersonate: ALICE }), {
    onChunk: (c) => {
      seen.push(c);
      wake();
    },
  });
  await opened;
  await chunkWith('CreatedEvent');
  // Each push so far armed its StatusFrequency timer: the first meeting's events to /schema, the
  // second one's (created below) to /schema and /x.
  mock.admin.createMeeting(ALICE, { subject: 'streamed', start: T('16:00'), end: T('16:30') });
  for (let i = 0; i < 3; i++) expect((await pushes.next()).outcome).toEqual({ status: 'OK' });
  clock.advance(30_000);
  await chunkWith('<m:ConnectionStatus>OK');
  clock.advance(30_000);
  add('SendNotification-StatusEvent', (await listener.next('/schema')).body);
  const chunks = streamedEnvelopes((await stream).body);
  expect(
    chunks.map((c) => (c.includes('<m:Notifications>') ? 'events' : /ConnectionStatus>(\w+)</.exec(c)?.[1])),
  ).toEqual(['events', 'events', 'OK', 'Closed']);
  add('GetStreamingEvents-chunk-OK', chunks[2] ?? '');
  add('GetStreamingEvents-chunk-Closed', chunks[3] ?? '');
  add('Unsubscribe', (await ewsCall(mock, unsubscribe(streaming.id), { impersonate: ALICE })).body);
  const wireOnly: XmlDocument[] = [{ name: 'GetStreamingEvents-chunk-events', xml: chunks[1] ?? '' }];
  const unknown = await postEws(mock, soapEnvelope(getStreamingEvents([streaming.id]), { impersonate: ALICE }));
  wireOnly.push({
    name: 'GetStreamingEvents-chunk-ErrorSubscriptionNotFound',
    xml: streamedEnvelopes(unknown.body)[0] ?? '',
  });
  return { valid: docs, wireOnly };
}

describe.skipIf(!enabled)('notification documents against the EWS schema', () => {
  let mock: MockExchange;
  let listener: PushListener;
  let docs: { valid: XmlDocument[]; wireOnly: XmlDocument[] };
  beforeAll(async () => {
    mock = await startMock();
    listener = await new PushListener().start();
    docs = await capture(mock, listener);
  });
  afterAll(async () => {
    await mock.stop();
    await listener.stop();
  });

  it('Subscribe, GetEvents, Unsubscribe replies, SendNotification requests and streaming keepalive/Closed chunks validate', async () => {
    const results = await validateAgainstSchema(docs.valid);
    expect(results.map((r) => r.name).sort()).toEqual([
      'GetEvents-Created-Modified-Deleted',
      'GetEvents-ErrorSubscriptionNotFound',
      'GetEvents-StatusEvent',
      'GetStreamingEvents-chunk-Closed',
      'GetStreamingEvents-chunk-OK',
      'SendNotification-StatusEvent',
      'SendNotification-events',
      'Subscribe-pull',
      'Subscribe-push',
      'Subscribe-streaming',
      'Unsubscribe',
      'Unsubscribe-ErrorInvalidPullSubscriptionId',
    ]);
    expect(results.filter((r) => !r.valid)).toEqual([]);
  });

  it('streaming event and error chunks differ from the schema only where the wire does (m:Notification, m:SubscriptionId)', async () => {
    const results = await validateAgainstSchema(docs.wireOnly);
    for (const r of results) {
      expect(r.valid).toBe(false);
      expect(r.errors.join('\n')).toMatch(
        /\{http:\/\/schemas\.microsoft\.com\/exchange\/services\/2006\/messages\}(Notifications|ErrorSubscriptionIds)'?: This element is not expected|Element '\{http:\/\/schemas\.microsoft\.com\/exchange\/services\/2006\/messages\}(Notification|SubscriptionId)'/,
      );
    }
    // Rewritten to the schema's t: namespace, the same chunks validate: nothing else differs.
    const asSchema = docs.wireOnly.map((d) => ({
      name: `${d.name}-as-schema`,
      xml: d.xml
        .replaceAll('<m:Notification>', '<t:Notification>')
        .replaceAll('</m:Notification>', '</t:Notification>')
        .replaceAll('<m:SubscriptionId>', '<t:SubscriptionId>')
        .replaceAll('</m:SubscriptionId>', '</t:SubscriptionId>'),
    }));
    expect((await validateAgainstSchema(asSchema)).filter((r) => !r.valid)).toEqual([]);
  });
});
