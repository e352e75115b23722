import { once } from 'node:events';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MockExchange } from '../../../../mock-exchange/mock-exchange.ts';
import type { PushAttempt } from '../../../../mock-exchange/notifications/push-channel.ts';
import type { VirtualClock } from '../../../../sim/clock.ts';
import { admin } from '../../../support/admin-client.ts';
import { EventRecorder } from '../../../support/event-recorder.ts';
import { ewsCall, responseCode } from '../../../support/ews-call.ts';
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
const BOB = 'bob@example.test';

describe('notifications: bad input gets the documented error and leaves every other subscription untouched', () => {
  let mock: MockExchange;
  let listener: PushListener;
  let pushes: EventRecorder<PushAttempt>;
  let control: { pull: { id: string; watermark: string }; push: string };
  const snapshot = () =>
    mock.admin.subscriptions().map(({ id, state, retries, watermark }) => ({ id, state, retries, watermark }));

  beforeEach(async () => {
    mock = await startMock();
    listener = await new PushListener().start();
    pushes = new EventRecorder(mock.notifications, 'push');
    const pull = await subscribed(await ewsCall(mock, subscribePull(), { impersonate: ALICE }));
    const push = await subscribed(await ewsCall(mock, subscribePush(listener.url('/control')), { impersonate: ALICE }));
    control = { pull: { id: pull.id, watermark: pull.watermark ?? '' }, push: push.id };
  });
  afterEach(async () => {
    await mock.stop();
    await listener.stop();
  });

  /** The controls still work: a new meeting reaches both. */
  async function controlsStillWork(): Promise<void> {
    const meeting = mock.admin.createMeeting(ALICE, { subject: 'control', start: T('15:00'), end: T('15:30') });
    const pushed = await listener.next('/control');
    expect(pushed.body).toContain(meeting.id);
    const pulled = await ewsCall(mock, getEvents(control.pull.id, control.pull.watermark), { impersonate: ALICE });
    expect(pulled.code).toBe('NoError');
    expect(pulled.body).toContain(meeting.id);
  }

  it('a malformed subscriber reply (or an HTTP 500) counts as no answer: that subscription retries, the others carry on', async () => {
    listener.replies.set('/malformed', 'malformed');
    listener.replies.set('/broken', 'http-500');
    const malformed = await subscribed(
      await ewsCall(mock, subscribePush(listener.url('/malformed')), { impersonate: ALICE }),
    );
    const broken = await subscribed(
      await ewsCall(mock, subscribePush(listener.url('/broken')), { impersonate: ALICE }),
    );
    mock.admin.createMeeting(ALICE, { subject: 'first', start: T('15:00'), end: T('15:30') });
    const outcomes = new Map<string, PushAttempt['outcome']>();
    for (let i = 0; i < 3; i++) {
      const p = await pushes.next();
      outcomes.set(p.subscriptionId, p.outcome);
    }
    expect(outcomes.get(malformed.id)).toMatchObject({
      status: 'failed',
      failure: 'unparsable',
      detail: expect.stringMatching(/not XML/),
    });
    expect(outcomes.get(broken.id)).toEqual({ status: 'failed', failure: 'http-status', detail: 'HTTP 500' });
    expect(outcomes.get(control.push)).toEqual({ status: 'OK' });
    await listener.next('/control');
    expect(mock.admin.subscriptions({ kind: 'push' }).map((s) => [s.id, s.state])).toEqual([
      [control.push, 'active'],
      [malformed.id, 'retrying'],
      [broken.id, 'retrying'],
    ]);
    const journal = mock.journal.entries({ level: 'warn' }).map((e) => e.message);
    expect(journal).toContain(`push to ${listener.url('/broken')} http-status: HTTP 500`);
    await controlsStillWork();
  });

  it('a push URL that is not http(s) is ErrorInvalidPushSubscriptionUrl', async () => {
    const before = snapshot();
    for (const url of ['ftp://imp.example.test/notify', 'mailto:imp@example.test', 'not a url', '/relative/path', '']) {
      const reply = await ewsCall(mock, subscribePush(url), { impersonate: ALICE });
      expect([url, reply.status, reply.code]).toEqual([url, 200, 'ErrorInvalidPushSubscriptionUrl']);
    }
    expect(snapshot()).toEqual(before);
    await controlsStillWork();
  });

  it('an unknown subscription id is ErrorSubscriptionNotFound for GetEvents, Unsubscribe and GetStreamingEvents (a 200 stream chunk)', async () => {
    const before = snapshot();
    const unknown = Buffer.from('no-such-subscription').toString('base64');
    for (const id of [unknown, 'not base64 at all!']) {
      expect((await ewsCall(mock, getEvents(id, control.pull.watermark), { impersonate: ALICE })).code).toBe(
        'ErrorSubscriptionNotFound',
      );
      expect((await ewsCall(mock, unsubscribe(id), { impersonate: ALICE })).code).toBe('ErrorSubscriptionNotFound');
    }
    const stream = await ewsCall(mock, getStreamingEvents([unknown]), { impersonate: ALICE });
    expect(stream.status).toBe(200);
    const [chunk] = streamedEnvelopes(stream.body);
    expect(await responseCode(chunk ?? '')).toBe('ErrorSubscriptionNotFound');
    expect(chunk).toContain(
      `<m:ErrorSubscriptionIds><m:SubscriptionId>${unknown}</m:SubscriptionId></m:ErrorSubscriptionIds>`,
    );
    expect(chunk).toContain('<m:ConnectionStatus>Closed</m:ConnectionStatus>');
    expect(snapshot()).toEqual(before);
    await controlsStillWork();
  });

  it('a stream naming a known and an unknown subscription reports the unknown one and carries the other', async () => {
    const streaming = await subscribed(await ewsCall(mock, subscribeStreaming(), { impersonate: ALICE }));
    const unknown = Buffer.from('no-such-subscription').toString('base64');
    const opened = once(mock.notifications, 'stream-opened');
    const reply = postEws(mock, soapEnvelope(getStreamingEvents([unknown, streaming.id]), { impersonate: ALICE }));
    expect((await opened)[0]).toMatchObject({ subscriptionIds: [streaming.id] });
    expect(mock.admin.subscriptions({ kind: 'streaming' })).toMatchObject([{ id: streaming.id, state: 'connected' }]);
    (mock.clock as VirtualClock).advance(60_000);
    const chunks = streamedEnvelopes((await reply).body);
    expect(await Promise.all(chunks.map(responseCode))).toEqual(['ErrorSubscriptionNotFound', 'NoError']);
    expect(chunks[0]).toContain(`<m:SubscriptionId>${unknown}</m:SubscriptionId>`);
    expect(chunks[0]).not.toContain('ConnectionStatus');
    // The stream stayed open for the known subscription until ConnectionTimeout.
    expect(chunks[1]).toContain('<m:ConnectionStatus>Closed</m:ConnectionStatus>');
    await controlsStillWork();
  });

  it('a watermark from another mailbox is ErrorInvalidWatermark on Subscribe and GetEvents, and moves no cursor', async () => {
    const bob = await subscribed(await ewsCall(mock, subscribePull(), { impersonate: BOB }));
    mock.admin.createMeeting(BOB, { subject: 'bob', start: T('15:00'), end: T('15:30') });
    const bobNext = await ewsCall(mock, getEvents(bob.id, bob.watermark ?? ''), { impersonate: BOB });
    expect(bobNext.code).toBe('NoError');
    const before = snapshot();
    const subscribe = await ewsCall(mock, subscribePull({ watermark: bob.watermark }), { impersonate: ALICE });
    expect(subscribe.code).toBe('ErrorInvalidWatermark');
    expect(subscribe.body).toContain(`belongs to another mailbox than ${ALICE}`);
    const read = await ewsCall(mock, getEvents(control.pull.id, bob.watermark ?? ''), { impersonate: ALICE });
    expect(read.code).toBe('ErrorInvalidWatermark');
    for (const bad of ['AQAAAA==', 'garbage!']) {
      expect((await ewsCall(mock, subscribePull({ watermark: bad }), { impersonate: ALICE })).code).toBe(
        'ErrorInvalidWatermark',
      );
    }
    expect(snapshot()).toEqual(before);
    await controlsStillWork();
  });

  it('wrong kind, wrong account and malformed requests get their own errors', async () => {
    const before = snapshot();
    expect((await ewsCall(mock, unsubscribe(control.push), { impersonate: ALICE })).code).toBe(
      'ErrorInvalidPullSubscriptionId',
    );
    expect((await ewsCall(mock, getEvents(control.push, control.pull.watermark), { impersonate: ALICE })).code).toBe(
      'ErrorInvalidPullSubscriptionId',
    );
    // alice's own account did not create the service account's subscription.
    const asAlice = await ewsCall(mock, getEvents(control.pull.id, control.pull.watermark), {
      auth: { user: 'alice', password: 'alice-pw' },
    });
    expect(asAlice.code).toBe('ErrorSubscriptionAccessDenied');
    const badType = await ewsCall(mock, subscribePull({ types: ['StatusEvent'] }), { impersonate: ALICE });
    expect([badType.status, badType.code]).toEqual([500, 'ErrorSchemaValidation']);
    const badTimeout = await ewsCall(mock, subscribePull({ timeout: '1441' }), { impersonate: ALICE });
    expect([badTimeout.status, badTimeout.code]).toEqual([500, 'ErrorSchemaValidation']);
    const delegate = await ewsCall(
      mock,
      `<m:Subscribe><m:PullSubscriptionRequest><t:FolderIds><t:DistinguishedFolderId Id="calendar"><t:Mailbox><t:EmailAddress>${BOB}</t:EmailAddress></t:Mailbox></t:DistinguishedFolderId></t:FolderIds><t:EventTypes><t:EventType>CreatedEvent</t:EventType></t:EventTypes><t:Timeout>5</t:Timeout></m:PullSubscriptionRequest></m:Subscribe>`,
      { impersonate: ALICE },
    );
    expect(delegate.code).toBe('ErrorSubscriptionDelegateAccessNotSupported');
    // GetStreamingEvents never answers with another status than 200, even for a header-level problem.
    const noMailbox = await postEws(
      mock,
      soapEnvelope(getStreamingEvents([control.pull.id]), { impersonate: 'ghost@example.test' }),
    );
    expect(noMailbox.status).toBe(200);
    expect(await responseCode(noMailbox.body)).toBe('ErrorNonExistentMailbox');
    expect(snapshot()).toEqual(before);
    await controlsStillWork();
  });

  it('throttling: EWSMaxSubscriptions gives ErrorExceededSubscriptionCount; ErrorServerBusy carries BackOffMilliseconds', async () => {
    const set = await admin(mock, 'PUT', '/accounts/svc-imp/throttling', { ewsMaxSubscriptions: 3 });
    expect(set).toMatchObject({ status: 200, body: { ewsMaxSubscriptions: 3, hangingConnectionLimit: 3 } });
    expect((await ewsCall(mock, subscribePull(), { impersonate: BOB })).code).toBe('NoError');
    const over = await ewsCall(mock, subscribePull(), { impersonate: BOB });
    expect(over.code).toBe('ErrorExceededSubscriptionCount');
    expect(over.body).toContain('EWSMaxSubscriptions 3');

    await admin(mock, 'PUT', '/accounts/svc-imp/throttling', {
      ewsMaxSubscriptions: null,
      subscribeServerBusy: { backOffMilliseconds: 5000, times: 1 },
    });
    const busy = await ewsCall(mock, subscribePull(), { impersonate: BOB });
    expect([busy.status, busy.code]).toEqual([500, 'ErrorServerBusy']);
    expect(busy.body).toContain('<t:Value Name="BackOffMilliseconds">5000</t:Value>');
    expect((await ewsCall(mock, subscribePull(), { impersonate: BOB })).code).toBe('NoError');

    const bad = await admin(mock, 'PUT', '/accounts/svc-imp/throttling', { hangingConnectionLimit: -1 });
    expect(bad).toMatchObject({ status: 400, body: { field: 'hangingConnectionLimit' } });
    expect(mock.admin.throttlingPolicy('svc-imp').hangingConnectionLimit).toBe(3);
    await controlsStillWork();
  });
});
