import { once } from 'node:events';
import {
  EventType,
  FolderId,
  type ItemEvent,
  type NotificationEvent,
  type NotificationEventArgs,
  StreamingSubscriptionConnection,
  WellKnownFolderName,
} from 'ews-javascript-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MockExchange } from '../../../../mock-exchange/mock-exchange.ts';
import type { VirtualClock } from '../../../../sim/clock.ts';
import { ewsClient, startMock } from '../../../support/mock-server.ts';
import { T } from '../../../support/test-org.ts';
import { waitUntil } from '../../../support/wait-until.ts';

const ALICE = 'alice@example.test';
const calendar = () => [new FolderId(WellKnownFolderName.Calendar)];
const isItem = (e: NotificationEvent): e is ItemEvent => 'ItemId' in e && (e as ItemEvent).ItemId !== undefined;
const described = (e: ItemEvent) => `${EventType[e.EventType]} ${e.ItemId.UniqueId}`;

/** Every event a subscriber is given is given once: a delivery that does not advance its position would repeat them. */
describe('notifications never deliver an event twice', () => {
  let mock: MockExchange;
  let clock: VirtualClock;
  beforeEach(async () => {
    mock = await startMock();
    clock = mock.clock as VirtualClock;
  });
  afterEach(async () => {
    await mock.stop();
  });

  const mailbox = () => mock.org.mailbox(ALICE)!;
  const create = (subject: string) =>
    mailbox().calendar.create({ subject, start: Date.parse(T('16:00')), end: Date.parse(T('16:30')) }).id;

  it('pull: 120 creates, 30 changes and 10 deletes in rounds read back exactly once each, with no watermark twice', async () => {
    const svc = ewsClient(mock, { impersonate: ALICE });
    const sub = await svc.SubscribeToPullNotifications(
      calendar(),
      30,
      null as never,
      EventType.Created,
      EventType.Modified,
      EventType.Deleted,
    );
    const seen: string[] = [];
    const watermarks: string[] = [];
    const drain = async () => {
      for (let calls = 0; calls < 20; calls++) {
        const r = await sub.GetEvents();
        // The watermark the client holds after a read that carried events: each must be a new position.
        if (r.ItemEvents.length) watermarks.push(sub.Watermark);
        seen.push(...r.ItemEvents.map(described));
        if (!sub.MoreEventsAvailable) return;
      }
      throw new Error('GetEvents kept saying MoreEvents after 20 calls');
    };
    const ids: string[] = [];
    for (let round = 0; round < 4; round++) {
      for (let i = 0; i < 30; i++) ids.push(create(`r${round}m${i}`));
      await drain();
    }
    for (const id of ids.slice(0, 30)) mailbox().calendar.update(id, { subject: 'changed' });
    await drain();
    for (const id of ids.slice(30, 40)) mailbox().calendar.delete(id);
    await drain();
    // Quiet afterwards: more calls deliver nothing new.
    for (let i = 0; i < 3; i++) {
      clock.advance(60_000);
      await drain();
    }

    const expected = [
      ...ids.map((id) => `Created ${id}`),
      ...ids.slice(0, 30).map((id) => `Modified ${id}`),
      ...ids.slice(30, 40).map((id) => `Deleted ${id}`),
    ];
    expect(seen).toHaveLength(160);
    expect(seen).toEqual(expected);
    expect(new Set(watermarks).size).toBe(watermarks.length);
  });

  it('streaming: six creates over one connection, with keepalives between, arrive once each', async () => {
    const svc = ewsClient(mock, { impersonate: ALICE });
    const sub = await svc.SubscribeToStreamingNotifications(calendar(), EventType.Created);
    const conn = new StreamingSubscriptionConnection(svc, 30);
    conn.AddSubscription(sub);
    const seen: string[] = [];
    conn.OnNotificationEvent.push((_s: unknown, args: NotificationEventArgs) => {
      seen.push(...args.Events.filter(isItem).map(described));
    });
    const opened = once(mock.notifications, 'stream-opened');
    conn.Open().catch(() => {});
    await opened;

    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      ids.push(create(`streamed ${i}`));
      await waitUntil(() => seen.includes(`Created ${ids[i]}`));
      // A minute of quiet: keepalive chunks go out on the same connection between the events.
      clock.advance(60_000);
    }
    // One more, as a fence: whatever was going to be repeated has been written before its event arrives.
    const last = create('fence');
    await waitUntil(() => seen.includes(`Created ${last}`));

    expect(seen).toEqual([...ids, last].map((id) => `Created ${id}`));
    conn.Close();
  });
});
