import { EventType, FolderId, type ItemEvent, WellKnownFolderName } from 'ews-javascript-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MeetingView } from '../../../../mock-exchange/admin/org-admin.ts';
import type { MockExchange } from '../../../../mock-exchange/mock-exchange.ts';
import type { VirtualClock } from '../../../../sim/clock.ts';
import { admin } from '../../../support/admin-client.ts';
import { ewsClient, startMock } from '../../../support/mock-server.ts';
import { T } from '../../../support/test-org.ts';

const ALICE = 'alice@example.test';
const calendar = () => [new FolderId(WellKnownFolderName.Calendar)];
const itemEvents = (events: ItemEvent[]) => events.map((e) => [EventType[e.EventType], e.ItemId.UniqueId]);

describe('pull notifications through ews-javascript-api', () => {
  let mock: MockExchange;
  beforeEach(async () => {
    mock = await startMock();
  });
  afterEach(async () => {
    await mock.stop();
  });

  const createMeeting = async (subject: string) => {
    const res = await admin<MeetingView>(mock, 'POST', `/mailboxes/${ALICE}/meetings`, {
      subject,
      start: T('15:00'),
      end: T('15:30'),
    });
    expect(res.status).toBe(201);
    return res.body;
  };

  it('GetEvents sees Created, Modified and Deleted with advancing watermarks, and a StatusEvent when idle', async () => {
    const svc = ewsClient(mock, { impersonate: ALICE });
    const sub = await svc.SubscribeToPullNotifications(
      calendar(),
      30,
      null as never,
      EventType.Created,
      EventType.Modified,
      EventType.Deleted,
    );
    const first = sub.Watermark;
    const idle = await sub.GetEvents();
    expect(idle.AllEvents).toHaveLength(0);

    const meeting = await createMeeting('Pulled');
    const created = await sub.GetEvents();
    expect(itemEvents(created.ItemEvents)).toEqual([['Created', meeting.id]]);
    // The calendar folder's own ModifiedEvent (its item count changed) comes with the create.
    expect(created.FolderEvents.map((e) => e.FolderId.UniqueId)).toEqual([mock.org.mailbox(ALICE)?.calendarFolderId]);
    const afterCreate = sub.Watermark;
    expect(afterCreate).not.toBe(first);

    expect(
      (
        await admin(mock, 'PATCH', `/mailboxes/${ALICE}/meetings/${encodeURIComponent(meeting.id)}`, {
          subject: 'Renamed',
        })
      ).status,
    ).toBe(200);
    expect(itemEvents((await sub.GetEvents()).ItemEvents)).toEqual([['Modified', meeting.id]]);
    const afterModify = sub.Watermark;
    expect(afterModify).not.toBe(afterCreate);

    expect((await admin(mock, 'DELETE', `/mailboxes/${ALICE}/meetings/${encodeURIComponent(meeting.id)}`)).status).toBe(
      204,
    );
    expect(itemEvents((await sub.GetEvents()).ItemEvents)).toEqual([['Deleted', meeting.id]]);
    expect(sub.Watermark).not.toBe(afterModify);

    // Idle again: a StatusEvent only, no events.
    expect((await sub.GetEvents()).AllEvents).toHaveLength(0);

    // A new subscription from the watermark taken after the create replays what came since.
    const replay = await svc.SubscribeToPullNotifications(
      calendar(),
      30,
      afterCreate,
      EventType.Created,
      EventType.Modified,
      EventType.Deleted,
    );
    expect(replay.Id).not.toBe(sub.Id);
    expect(itemEvents((await replay.GetEvents()).ItemEvents)).toEqual([
      ['Modified', meeting.id],
      ['Deleted', meeting.id],
    ]);
  });

  it('returns at most 50 events per GetEvents with MoreEvents until the queue is drained', async () => {
    const svc = ewsClient(mock, { impersonate: ALICE });
    const sub = await svc.SubscribeToPullNotifications(calendar(), 30, null as never, EventType.Created);
    const mbx = mock.org.mailbox(ALICE)!;
    for (let i = 0; i < 120; i++)
      mbx.calendar.create({ subject: `m${i}`, start: Date.parse(T('16:00')), end: Date.parse(T('16:30')) });
    const sizes: [number, boolean][] = [];
    for (let i = 0; i < 4; i++) {
      const r = await sub.GetEvents();
      sizes.push([r.AllEvents.length, sub.MoreEventsAvailable]);
    }
    expect(sizes).toEqual([
      [50, true],
      [50, true],
      [20, false],
      [0, false],
    ]);
  });

  it('expires a pull subscription after its Timeout without GetEvents; Unsubscribe ends one at once', async () => {
    const clock = mock.clock as VirtualClock;
    const svc = ewsClient(mock, { impersonate: ALICE });
    const kept = await svc.SubscribeToPullNotifications(calendar(), 2, null as never, EventType.Created);
    const lapsed = await svc.SubscribeToPullNotifications(calendar(), 1, null as never, EventType.Created);
    clock.advance(50_000);
    await kept.GetEvents();
    clock.advance(20_000);
    await expect(lapsed.GetEvents()).rejects.toMatchObject({
      ErrorCode: expect.any(Number),
      message: expect.stringMatching(/subscription was not found/),
    });
    await kept.GetEvents();

    await kept.Unsubscribe();
    await expect(kept.GetEvents()).rejects.toMatchObject({
      message: expect.stringMatching(/subscription was not found/),
    });
    // Unsubscribe is internal in the typings but is what PullSubscription.Unsubscribe calls.
    const unsubscribe = (svc as unknown as { Unsubscribe(id: string): Promise<void> }).Unsubscribe.bind(svc);
    await expect(unsubscribe(kept.Id)).rejects.toMatchObject({
      message: expect.stringMatching(/subscription was not found/),
    });
  });
});
