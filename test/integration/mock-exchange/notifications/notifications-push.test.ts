import { EventType, FolderId, Uri, WellKnownFolderName } from 'ews-javascript-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SEND_NOTIFICATION_ACTION } from '../../../../ews/namespaces.ts';
import type { MeetingView } from '../../../../mock-exchange/admin/org-admin.ts';
import type { MockExchange } from '../../../../mock-exchange/mock-exchange.ts';
import type { NotificationEvents } from '../../../../mock-exchange/notifications/notification-center.ts';
import type { PushAttempt } from '../../../../mock-exchange/notifications/push-channel.ts';
import type { VirtualClock } from '../../../../sim/clock.ts';
import { admin } from '../../../support/admin-client.ts';
import { EventRecorder } from '../../../support/event-recorder.ts';
import { schemaTestsEnabled, validateAgainstSchema } from '../../../support/ews-schema.ts';
import { ewsClient, startMock } from '../../../support/mock-server.ts';
import { readSendNotification } from '../../../support/notification-xml.ts';
import { PushListener } from '../../../support/push-listener.ts';
import { T } from '../../../support/test-org.ts';

const ALICE = 'alice@example.test';
const calendar = () => [new FolderId(WellKnownFolderName.Calendar)];
const ALL = [EventType.Created, EventType.Modified, EventType.Deleted];
const validate = schemaTestsEnabled('notifications-push');

describe('push notifications to a plain HTTP listener', () => {
  let mock: MockExchange;
  let clock: VirtualClock;
  let listener: PushListener;
  let pushes: EventRecorder<PushAttempt>;
  let ended: EventRecorder<NotificationEvents['ended'][0]>;
  beforeEach(async () => {
    mock = await startMock();
    clock = mock.clock as VirtualClock;
    listener = await new PushListener().start();
    pushes = new EventRecorder(mock.notifications, 'push');
    ended = new EventRecorder(mock.notifications, 'ended');
  });
  afterEach(async () => {
    await mock.stop();
    await listener.stop();
  });

  const subscribe = (url: string, statusFrequency: number) =>
    ewsClient(mock, { impersonate: ALICE }).SubscribeToPushNotifications(
      calendar(),
      new Uri(url),
      statusFrequency,
      null as never,
      ...ALL,
    );
  const createMeeting = (subject: string) =>
    mock.admin.createMeeting(ALICE, { subject, start: T('15:00'), end: T('15:30') });

  it('POSTs SendNotification with the events as they occur, then a StatusEvent every StatusFrequency when idle', async () => {
    const sub = await subscribe(listener.url('/imp/notify'), 1);
    const created = await admin<MeetingView>(mock, 'POST', `/mailboxes/${ALICE}/meetings`, {
      subject: 'Pushed',
      start: T('15:00'),
      end: T('15:30'),
    });
    const first = await listener.next();
    expect(first.path).toBe('/imp/notify');
    expect(first.headers.soapaction).toBe(SEND_NOTIFICATION_ACTION);
    expect(first.headers['content-type']).toBe('text/xml; charset=utf-8');
    const n1 = await readSendNotification(first.body);
    expect(n1).toMatchObject({ subscriptionId: sub.Id, previousWatermark: sub.Watermark, moreEvents: false });
    const calendarFolderId = mock.org.mailbox(ALICE)?.calendarFolderId;
    expect(n1.events.map(([type, id]) => [type, id])).toEqual([
      ['CreatedEvent', created.body.id],
      ['ModifiedEvent', calendarFolderId],
    ]);
    const delivered = await pushes.next();
    expect(delivered.outcome).toEqual({ status: 'OK' });

    // Nothing happens before StatusFrequency is up; then a StatusEvent carrying the last watermark.
    const lastWatermark = n1.events.at(-1)?.[2];
    expect(clock.nextDue()).toBe(delivered.at + 60_000);
    clock.advance(60_000);
    const status = await listener.next();
    const n2 = await readSendNotification(status.body);
    expect(n2.previousWatermark).toBe(lastWatermark);
    expect(n2.events).toEqual([['StatusEvent', '', lastWatermark]]);
    expect((await pushes.next()).at).toBe(delivered.at + 60_000);
    expect(mock.admin.subscriptions({ kind: 'push' })).toMatchObject([
      {
        id: sub.Id,
        state: 'active',
        retries: 0,
        lastDeliveryAt: new Date(clock.now()).toISOString(),
        url: listener.url('/imp/notify'),
      },
    ]);

    if (validate) {
      const results = await validateAgainstSchema([
        { name: 'SendNotification-events', xml: first.body },
        { name: 'SendNotification-status', xml: status.body },
      ]);
      expect(results).toHaveLength(2);
      expect(results.filter((r) => !r.valid)).toEqual([]);
    }
  });

  it('ends a subscription whose subscriber answers Unsubscribe, and only that one', async () => {
    listener.replies.set('/leaving', 'Unsubscribe');
    const leaving = await subscribe(listener.url('/leaving'), 30);
    const staying = await subscribe(listener.url('/staying'), 30);
    createMeeting('one');
    await listener.next('/leaving');
    await listener.next('/staying');
    expect(await ended.next()).toMatchObject({ id: leaving.Id, reason: 'the subscriber answered Unsubscribe' });
    expect(mock.admin.subscriptions().map((s) => s.id)).toEqual([staying.Id]);

    createMeeting('two');
    const again = await readSendNotification((await listener.next('/staying')).body);
    expect(again.events[0]?.[0]).toBe('CreatedEvent');
    expect(listener.received.filter((p) => p.path === '/leaving')).toHaveLength(1);
  });

  it('retries an unanswered push at 30 s, 60 s, 120 s ... after the first attempt and ends when StatusFrequency is used up', async () => {
    const down = listener.url('/gone');
    await listener.stop();
    const sub = await subscribe(down, 30);
    const t0 = clock.now();
    createMeeting('lost');
    const firstAttempt = await pushes.next();
    expect(firstAttempt).toMatchObject({
      at: t0,
      retry: 0,
      events: 2,
      outcome: { status: 'failed', failure: 'connect' },
    });

    const offsets: number[] = [];
    for (let retry = 1; retry <= 6; retry++) {
      clock.runUntil(clock.nextDue()!);
      const attempt = await pushes.next();
      expect(attempt).toMatchObject({ retry, events: 2, outcome: { status: 'failed' } });
      offsets.push((attempt.at - t0) / 1000);
    }
    expect(offsets).toEqual([30, 60, 120, 240, 480, 960]);
    expect(mock.admin.subscriptions()).toMatchObject([{ id: sub.Id, state: 'retrying', retries: 7 }]);

    // No 32:00 retry: the subscription is gone once the 30 minutes are used up.
    const endAt = clock.nextDue()!;
    expect((endAt - t0) / 60_000).toBe(30);
    clock.runUntil(endAt);
    expect(await ended.next()).toMatchObject({ id: sub.Id, reason: expect.stringMatching(/within StatusFrequency/) });
    expect(pushes.events).toHaveLength(7);
    expect(mock.admin.subscriptions()).toEqual([]);
  });

  it('counts a subscriber that never answers as unanswered after the reply timeout, on the sim clock', async () => {
    listener.replies.set('/hang', 'hang');
    await subscribe(listener.url('/hang'), 30);
    const t0 = clock.now();
    createMeeting('unanswered');
    await listener.next('/hang');
    // The only timer due before the retry is the reply timeout, 20 s of sim time after the POST.
    expect(clock.nextDue()).toBe(t0 + 20_000);
    clock.advance(20_000);
    expect(await pushes.next()).toMatchObject({ at: t0, retry: 0, outcome: { status: 'failed', failure: 'timeout' } });
    // The retry is still due 30 s after the first attempt, not after the timeout.
    expect(clock.nextDue()).toBe(t0 + 30_000);
  });

  it('a callback-unreachable fault on the server holding the subscription fails its pushes until the fault is gone', async () => {
    const sub = await subscribe(listener.url('/faulted'), 30);
    await mock.faults.add('ex1', { type: 'callback-unreachable', mailbox: ALICE });
    const t0 = clock.now();
    const meeting = createMeeting('blocked');
    expect(await pushes.next()).toMatchObject({
      subscriptionId: sub.Id,
      at: t0,
      outcome: { status: 'failed', failure: 'connect', detail: 'callback-unreachable fault on ex1' },
    });
    expect(listener.received).toHaveLength(0);
    await mock.faults.clear('ex1');
    clock.runUntil(clock.nextDue()!);
    expect(await pushes.next()).toMatchObject({ at: t0 + 30_000, retry: 1, outcome: { status: 'OK' } });
    expect((await readSendNotification((await listener.next('/faulted')).body)).events[0]?.[1]).toBe(meeting.id);
  });

  it('delivers the held events on the first retry the subscriber answers, and carries on normally', async () => {
    const port = listener.port;
    await listener.stop();
    await subscribe(`http://127.0.0.1:${port}/back`, 30);
    const t0 = clock.now();
    const meeting = createMeeting('held');
    expect((await pushes.next()).outcome.status).toBe('failed');
    clock.runUntil(clock.nextDue()!);
    expect((await pushes.next()).outcome.status).toBe('failed');

    listener = await new PushListener().start(port);
    clock.runUntil(clock.nextDue()!);
    const n = await readSendNotification((await listener.next()).body);
    expect(n.events[0]?.slice(0, 2)).toEqual(['CreatedEvent', meeting.id]);
    const ok = await pushes.next();
    expect(ok).toMatchObject({ at: t0 + 60_000, retry: 2, outcome: { status: 'OK' } });
    expect(mock.admin.subscriptions()).toMatchObject([{ state: 'active', retries: 0 }]);
    // The status clock restarts from the delivery.
    expect(clock.nextDue()).toBe(ok.at + 30 * 60_000);
  });
});
