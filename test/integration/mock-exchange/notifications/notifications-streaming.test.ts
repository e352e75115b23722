import { once } from 'node:events';
import {
  EventType,
  FolderId,
  type ItemEvent,
  type NotificationEventArgs,
  StreamingSubscriptionConnection,
  type SubscriptionErrorEventArgs,
  WellKnownFolderName,
} from 'ews-javascript-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MeetingView } from '../../../../mock-exchange/admin/org-admin.ts';
import type { MockExchange } from '../../../../mock-exchange/mock-exchange.ts';
import type { VirtualClock } from '../../../../sim/clock.ts';
import { admin } from '../../../support/admin-client.ts';
import { ewsClient, startMock } from '../../../support/mock-server.ts';
import { T } from '../../../support/test-org.ts';

const ALICE = 'alice@example.test';
const calendar = () => [new FolderId(WellKnownFolderName.Calendar)];

/** The first call of a StreamingSubscriptionConnection event list, as a promise. */
function next<A>(list: ((sender: unknown, args: A) => void)[]): Promise<A> {
  return new Promise((resolve) => {
    const handler = (_s: unknown, args: A) => {
      list.splice(list.indexOf(handler), 1);
      resolve(args);
    };
    list.push(handler);
  });
}

describe('streaming notifications through ews-javascript-api', () => {
  let mock: MockExchange;
  let clock: VirtualClock;
  beforeEach(async () => {
    mock = await startMock();
    clock = mock.clock as VirtualClock;
  });
  afterEach(async () => {
    await mock.stop();
  });

  async function openStream(lifetimeMinutes = 1) {
    const svc = ewsClient(mock, { impersonate: ALICE });
    const sub = await svc.SubscribeToStreamingNotifications(
      calendar(),
      EventType.Created,
      EventType.Modified,
      EventType.Deleted,
    );
    const conn = new StreamingSubscriptionConnection(svc, lifetimeMinutes);
    conn.AddSubscription(sub);
    const opened = once(mock.notifications, 'stream-opened');
    // Open() settles only when the stream fails; its rejection is observed through OnDisconnect.
    conn.Open().catch(() => {});
    await opened;
    return { svc, sub, conn };
  }

  it('fires OnNotificationEvent for a meeting created through the admin API, then OnDisconnect after Closed', async () => {
    const { sub, conn } = await openStream(1);
    const notified = next<NotificationEventArgs>(conn.OnNotificationEvent as never);
    const created = await admin<MeetingView>(mock, 'POST', `/mailboxes/${ALICE}/meetings`, {
      subject: 'Streamed',
      start: T('15:00'),
      end: T('15:30'),
    });
    const args = await notified;
    expect(args.Subscription.Id).toBe(sub.Id);
    const items = args.Events.filter((e): e is ItemEvent => 'ItemId' in e && e.ItemId !== undefined);
    expect(items.map((e) => [EventType[e.EventType], e.ItemId.UniqueId])).toEqual([['Created', created.body.id]]);

    const disconnected = next<SubscriptionErrorEventArgs>(conn.OnDisconnect as never);
    const closed = once(mock.notifications, 'stream-closed');
    clock.advance(60_000);
    await closed;
    const d = await disconnected;
    expect(d.Exception ?? null).toBeNull();
    expect(mock.admin.subscriptions({ kind: 'streaming' })).toMatchObject([{ id: sub.Id, state: 'disconnected' }]);
  });

  it('fires OnSubscriptionError after a server restart: the reopened stream is told the subscription is gone', async () => {
    const { sub, conn } = await openStream(30);
    const dropped = next<SubscriptionErrorEventArgs>(conn.OnDisconnect as never);
    const restart = await admin<{ lostSubscriptions: number }>(mock, 'POST', '/servers/ex1/restart');
    expect(restart.body.lostSubscriptions).toBe(1);
    await dropped;

    const failed = next<SubscriptionErrorEventArgs>(conn.OnSubscriptionError as never);
    const ended = next<SubscriptionErrorEventArgs>(conn.OnDisconnect as never);
    conn.Open().catch(() => {});
    const err = await failed;
    expect(err.Subscription?.Id).toBe(sub.Id);
    expect(String(err.Exception?.Message)).toMatch(/subscription was not found/);
    await ended;
  });

  it('ends the stream with Closed when its last subscription is unsubscribed; an unconnected one expires after 30 minutes', async () => {
    const { svc, sub, conn } = await openStream(30);
    const disconnected = next<SubscriptionErrorEventArgs>(conn.OnDisconnect as never);
    await sub.Unsubscribe();
    await disconnected;
    expect(mock.notifications.streaming.openCount('svc-imp')).toBe(0);

    const idle = await svc.SubscribeToStreamingNotifications(calendar(), EventType.Created);
    const ended = once(mock.notifications, 'ended');
    clock.advance(30 * 60_000 - 1);
    expect(mock.admin.subscriptions().map((s) => s.id)).toEqual([idle.Id]);
    clock.advance(1);
    expect((await ended)[0]).toMatchObject({ id: idle.Id, reason: expect.stringMatching(/no streaming connection/) });
  });

  it('answers ErrorExceededConnectionCount beyond HangingConnectionLimit (3 per account) with a 200', async () => {
    for (let i = 0; i < 3; i++) await openStream(30);
    const svc = ewsClient(mock, { impersonate: ALICE });
    const sub = await svc.SubscribeToStreamingNotifications(calendar(), EventType.Created);
    const conn = new StreamingSubscriptionConnection(svc, 30);
    conn.AddSubscription(sub);
    const failed = next<SubscriptionErrorEventArgs>(conn.OnSubscriptionError as never);
    conn.Open().catch(() => {});
    const err = await failed;
    expect(err.Subscription ?? null).toBeNull();
    expect(String(err.Exception?.Message)).toMatch(/concurrent connections/);
    expect(mock.notifications.streaming.openCount('svc-imp')).toBe(3);
  });
});
