import { EventType, FolderId, Uri, WellKnownFolderName } from 'ews-javascript-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { MeetingView } from '../../../../mock-exchange/admin/org-admin.ts';
import type { MockExchange } from '../../../../mock-exchange/mock-exchange.ts';
import type { SubscriptionInfo } from '../../../../mock-exchange/notifications/subscription-info.ts';
import type { JournalEntry } from '../../../../sim/journal.ts';
import { admin } from '../../../support/admin-client.ts';
import { ewsClient, startMock } from '../../../support/mock-server.ts';
import { PushListener } from '../../../support/push-listener.ts';
import { T } from '../../../support/test-org.ts';

const ALICE = 'alice@example.test';

describe('admin API: meetings, moves, restarts, subscriptions and the event stream', () => {
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

  it('is on 127.0.0.1 and named in the ready info', () => {
    expect(mock.adminApi?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(mock.readyInfo().adminUrl).toBe(mock.adminApi?.url);
  });

  it('creates, lists, updates and deletes meetings, refusing bad input without changing anything', async () => {
    const before = mock.org.mailbox(ALICE)?.calendar.size ?? 0;
    const created = await admin<MeetingView>(mock, 'POST', `/mailboxes/${ALICE}/meetings`, {
      subject: 'Board',
      start: T('15:00'),
      end: T('16:00'),
      freeBusy: 'Tentative',
      attendees: ['bob@example.test'],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      subject: 'Board',
      start: '2030-05-06T15:00:00.000Z',
      freeBusy: 'Tentative',
      attendees: ['bob@example.test'],
    });
    const patched = await admin<MeetingView>(
      mock,
      'PATCH',
      `/mailboxes/${ALICE}/meetings/${encodeURIComponent(created.body.id)}`,
      {
        end: T('17:00'),
      },
    );
    expect(patched.body).toMatchObject({ subject: 'Board', end: '2030-05-06T17:00:00.000Z', freeBusy: 'Tentative' });
    expect(patched.body.changeKey).not.toBe(created.body.changeKey);
    const listed = await admin<MeetingView[]>(mock, 'GET', `/mailboxes/${ALICE}/meetings`);
    expect(listed.body.map((m) => m.id)).toContain(created.body.id);

    const bad: [string, string, unknown, number, RegExp][] = [
      [
        'POST',
        `/mailboxes/${ALICE}/meetings`,
        { subject: 'x', start: 'yesterday', end: T('10:00') },
        400,
        /meeting.start: "yesterday" is not an ISO 8601/,
      ],
      [
        'POST',
        `/mailboxes/${ALICE}/meetings`,
        { subject: 'x', start: T('11:00'), end: T('10:00') },
        400,
        /end is earlier than start/,
      ],
      [
        'POST',
        `/mailboxes/${ALICE}/meetings`,
        { subject: 'x', start: T('10:00'), end: T('11:00'), freeBusy: 'Sleeping' },
        400,
        /free\/busy/,
      ],
      [
        'POST',
        '/mailboxes/ghost@example.test/meetings',
        { subject: 'x', start: T('10:00'), end: T('11:00') },
        404,
        /Unknown mailbox/,
      ],
      ['POST', `/mailboxes/${ALICE}/meetings`, '{not json', 400, /not valid JSON/],
      ['POST', `/mailboxes/${ALICE}/meetings`, [1, 2], 400, /must be a JSON object/],
      [
        'PATCH',
        `/mailboxes/${ALICE}/meetings/${encodeURIComponent(created.body.id)}`,
        { start: T('18:00') },
        400,
        /end is earlier than start/,
      ],
      ['PATCH', `/mailboxes/${ALICE}/meetings/nope`, { subject: 'y' }, 404, /no meeting with id "nope"/],
      ['DELETE', `/mailboxes/${ALICE}/meetings/nope`, undefined, 404, /no meeting/],
      ['POST', `/mailboxes/${ALICE}/move`, { server: 'ex9' }, 400, /Unknown server "ex9"/],
      ['POST', `/mailboxes/${ALICE}/move`, { server: 'ex1' }, 409, /already lives on ex1/],
      ['POST', `/mailboxes/${ALICE}/move`, { server: 'ex2', windowMs: -5 }, 400, /windowMs/],
      ['POST', '/servers/ex9/restart', undefined, 404, /Unknown server "ex9"/],
      ['GET', '/subscriptions?kind=carrier-pigeon', undefined, 400, /kind must be push, pull or streaming/],
      ['PUT', '/accounts/ghost/throttling', { ewsMaxSubscriptions: 1 }, 404, /Unknown account/],
    ];
    for (const [method, path, body, status, message] of bad) {
      const reply = await admin<{ error: string }>(mock, method as never, path, body);
      expect([method, path, reply.status, reply.body.error]).toEqual([
        method,
        path,
        status,
        expect.stringMatching(message),
      ]);
    }
    expect(mock.org.mailbox(ALICE)?.homeServer).toBe('ex1');
    expect(
      (await admin<MeetingView[]>(mock, 'GET', `/mailboxes/${ALICE}/meetings`)).body.find(
        (m) => m.id === created.body.id,
      ),
    ).toMatchObject({
      end: '2030-05-06T17:00:00.000Z',
    });

    expect(
      (await admin(mock, 'DELETE', `/mailboxes/${ALICE}/meetings/${encodeURIComponent(created.body.id)}`)).status,
    ).toBe(204);
    expect(mock.org.mailbox(ALICE)?.calendar.size).toBe(before);
  });

  it('a PATCH changes only the fields it names: a series keeps its deleted occurrences', async () => {
    const series = mock.admin.createMeeting(ALICE, {
      subject: 'Series',
      start: T('07:00'),
      end: T('07:15'),
      recurrence: { pattern: 'daily', interval: 1, occurrences: 5 },
    });
    const calendar = mock.org.mailbox(ALICE)!.calendar;
    expect(calendar.deleteOccurrence(calendar.occurrence(series.id, 2)?.id ?? '')).toBe(true);
    const renamed = await admin<MeetingView>(
      mock,
      'PATCH',
      `/mailboxes/${ALICE}/meetings/${encodeURIComponent(series.id)}`,
      {
        subject: 'Renamed series',
      },
    );
    expect(renamed.body).toMatchObject({ subject: 'Renamed series', recurrence: { pattern: 'daily', occurrences: 5 } });
    expect(calendar.get(series.id)?.deletedOccurrences).toEqual([2]);
  });

  it('lists subscriptions with their state, and a restart empties that server only', async () => {
    const svc = ewsClient(mock, { impersonate: ALICE });
    const calendar = [new FolderId(WellKnownFolderName.Calendar)];
    const push = await svc.SubscribeToPushNotifications(
      calendar,
      new Uri(listener.url('/a')),
      30,
      null as never,
      EventType.Created,
    );
    const pull = await svc.SubscribeToPullNotifications(calendar, 10, null as never, EventType.Created);
    const carol = await ewsClient(mock, { impersonate: 'carol@example.test' }).SubscribeToPullNotifications(
      calendar,
      10,
      null as never,
      EventType.Created,
    );
    const all = await admin<SubscriptionInfo[]>(mock, 'GET', '/subscriptions');
    expect(all.body.map((s) => [s.id, s.kind, s.mailbox, s.server, s.state])).toEqual([
      [push.Id, 'push', ALICE, 'ex1', 'active'],
      [pull.Id, 'pull', ALICE, 'ex1', 'active'],
      [carol.Id, 'pull', 'carol@example.test', 'ex2', 'active'],
    ]);
    expect(all.body[0]).toMatchObject({
      account: 'svc-imp',
      url: listener.url('/a'),
      statusFrequencyMinutes: 30,
      lastDeliveryAt: null,
      retries: 0,
    });
    expect((await admin<SubscriptionInfo[]>(mock, 'GET', '/subscriptions?server=ex2')).body.map((s) => s.id)).toEqual([
      carol.Id,
    ]);

    expect(await admin(mock, 'POST', '/servers/ex1/restart')).toMatchObject({
      status: 200,
      body: { server: 'ex1', lostSubscriptions: 2 },
    });
    expect((await admin<SubscriptionInfo[]>(mock, 'GET', '/subscriptions')).body.map((s) => s.id)).toEqual([carol.Id]);
    await expect(pull.GetEvents()).rejects.toMatchObject({
      message: expect.stringMatching(/subscription was not found/),
    });
  });

  it('streams what the organization does over WebSocket: requests served and notifications with their outcome', async () => {
    const ws = new WebSocket(`${mock.adminApi?.url.replace('http:', 'ws:')}/events`, {
      headers: { authorization: `Bearer ${mock.adminApi?.token}` },
    });
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    const seen: JournalEntry[] = [];
    let wake = () => {};
    ws.on('message', (data) => {
      seen.push(JSON.parse(String(data)) as JournalEntry);
      wake();
    });
    const waitFor = async (match: (e: JournalEntry) => boolean) => {
      while (!seen.some(match)) await new Promise<void>((resolve) => (wake = resolve));
      return seen.find(match)!;
    };
    listener.replies.set('/down', 'http-500');
    const svc = ewsClient(mock, { impersonate: ALICE });
    await svc.SubscribeToPushNotifications(
      [new FolderId(WellKnownFolderName.Calendar)],
      new Uri(listener.url('/ws')),
      30,
      null as never,
      EventType.Created,
    );
    await svc.SubscribeToPushNotifications(
      [new FolderId(WellKnownFolderName.Calendar)],
      new Uri(listener.url('/down')),
      30,
      null as never,
      EventType.Created,
    );
    await admin(mock, 'POST', `/mailboxes/${ALICE}/meetings`, {
      subject: 'watched',
      start: T('15:00'),
      end: T('15:30'),
    });

    expect(await waitFor((e) => e.source === 'ews:ex1' && e.message === 'Subscribe OK')).toMatchObject({
      data: { account: 'svc-imp', mailbox: ALICE },
    });
    expect(await waitFor((e) => e.message === `push to ${listener.url('/ws')} OK`)).toMatchObject({
      source: 'notifications:ex1',
      level: 'debug',
    });
    expect(await waitFor((e) => e.message === `push to ${listener.url('/down')} http-status: HTTP 500`)).toMatchObject({
      level: 'warn',
      data: { retry: 0 },
    });
    ws.close();
  });
});
