import { Agent } from 'node:https';
import {
  AutodiscoverErrorCode,
  AutodiscoverService,
  CalendarView,
  DateTime,
  EventType,
  ExchangeVersion,
  FolderId,
  Uri,
  UserSettingName,
  WebCredentials,
  WellKnownFolderName,
  XhrApi,
} from 'ews-javascript-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NS } from '../../../ews/namespaces.ts';
import type { MockExchange } from '../../../mock-exchange/mock-exchange.ts';
import type { VirtualClock } from '../../../sim/clock.ts';
import { admin } from '../../support/admin-client.ts';
import { EventRecorder } from '../../support/event-recorder.ts';
import { postEws } from '../../support/https-post.ts';
import { ewsClient, startMock } from '../../support/mock-server.ts';
import { readSendNotification } from '../../support/notification-xml.ts';
import { PushListener } from '../../support/push-listener.ts';
import { SVC, T } from '../../support/test-org.ts';

const ALICE = 'alice@example.test';
const BOB = 'bob@example.test';
const ALL = [EventType.Created, EventType.Modified, EventType.Deleted];

function autodiscover(mock: MockExchange, server: string): AutodiscoverService {
  const s = mock.org.server(server)!;
  const ad = new AutodiscoverService(
    new Uri(`https://${s.fqdn}:${s.port}/autodiscover/autodiscover.svc`),
    ExchangeVersion.Exchange2013,
  );
  ad.Credentials = new WebCredentials(SVC.user, SVC.password);
  const agent = new Agent({ ca: mock.pki.trustBundlePem, lookup: mock.hosts.lookup as never, keepAlive: false });
  ad.XHRApi = new XhrApi({ httpsAgent: agent } as never);
  return ad;
}

const poxRequest = (address: string) =>
  `<?xml version="1.0" encoding="utf-8"?><Autodiscover xmlns="http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006"><Request><EMailAddress>${address}</EMailAddress><AcceptableResponseSchema>http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a</AcceptableResponseSchema></Request></Autodiscover>`;

describe('mailbox move', () => {
  let mock: MockExchange;
  let clock: VirtualClock;
  let listener: PushListener;
  beforeEach(async () => {
    mock = await startMock();
    clock = mock.clock as VirtualClock;
    listener = await new PushListener().start();
  });
  afterEach(async () => {
    await mock.stop();
    await listener.stop();
  });

  it('leaves the old subscription with keepalives but no events while a new one gets them; Autodiscover names the new server', async () => {
    const svc = ewsClient(mock, { impersonate: ALICE });
    const calendar = [new FolderId(WellKnownFolderName.Calendar)];
    const old = await svc.SubscribeToPushNotifications(
      calendar,
      new Uri(listener.url('/old')),
      1,
      null as never,
      ...ALL,
    );

    const moved = await admin(mock, 'POST', `/mailboxes/${ALICE}/move`, { server: 'ex2' });
    expect(moved).toMatchObject({ status: 200, body: { from: 'ex1', to: 'ex2' } });
    const fresh = await svc.SubscribeToPushNotifications(
      calendar,
      new Uri(listener.url('/new')),
      1,
      null as never,
      ...ALL,
    );
    expect(mock.admin.subscriptions({ mailbox: ALICE })).toMatchObject([
      { id: old.Id, server: 'ex1', stale: true },
      { id: fresh.Id, server: 'ex2', stale: false },
    ]);

    const pushes = new EventRecorder(mock.notifications, 'push');
    const meeting = mock.admin.createMeeting(ALICE, { subject: 'After the move', start: T('15:00'), end: T('15:30') });
    const event = await readSendNotification((await listener.next('/new')).body);
    expect(event.events[0]?.slice(0, 2)).toEqual(['CreatedEvent', meeting.id]);
    await pushes.next();

    // One StatusFrequency later both get their keepalive; the old one has never seen an event.
    clock.advance(60_000);
    const oldStatus = await readSendNotification((await listener.next('/old')).body);
    const newStatus = await readSendNotification((await listener.next('/new')).body);
    expect(oldStatus.subscriptionId).toBe(old.Id);
    expect(oldStatus.events.map((e) => e[0])).toEqual(['StatusEvent']);
    expect(newStatus.events.map((e) => e[0])).toEqual(['StatusEvent']);
    expect(listener.received.filter((p) => p.path === '/old')).toHaveLength(1);

    // Autodiscover, asked on either server, returns the URL of the mailbox's new home.
    const settings = await autodiscover(mock, 'ex1').GetUserSettings(ALICE, [
      UserSettingName.InternalEwsUrl,
      UserSettingName.ExternalEwsUrl,
    ]);
    expect(settings.Settings.get(UserSettingName.InternalEwsUrl)).toBe(mock.ewsUrl('ex2'));
    expect(settings.Settings.get(UserSettingName.ExternalEwsUrl)).toBe(mock.ewsUrl('ex2'));
    const pox = await postEws(mock, poxRequest(ALICE), { path: '/autodiscover/autodiscover.xml', server: 'ex1' });
    expect(pox.status).toBe(200);
    expect(pox.body).toContain(`<EwsUrl>${mock.ewsUrl('ex2')}</EwsUrl>`);
    expect(pox.body).toContain('<Action>settings</Action>');
  });

  it('answers ErrorMailboxMoveInProgress during an optional move window, then serves the mailbox from its new server', async () => {
    const svc = ewsClient(mock, { impersonate: BOB });
    const view = () =>
      svc.FindAppointments(
        WellKnownFolderName.Calendar,
        new CalendarView(new DateTime(Date.parse(T('00:00'))), new DateTime(Date.parse(T('23:59')))),
      );
    expect((await view()).Items).toHaveLength(1);
    const move = mock.admin.moveMailbox(BOB, 'ex2', 5 * 60_000);
    expect(move.completesAt).toBe(new Date(clock.now() + 5 * 60_000).toISOString());

    await expect(view()).rejects.toMatchObject({ message: expect.stringMatching(/being moved to ex2/) });
    await expect(
      svc.SubscribeToPullNotifications(
        [new FolderId(WellKnownFolderName.Calendar)],
        5,
        null as never,
        EventType.Created,
      ),
    ).rejects.toMatchObject({ message: expect.stringMatching(/being moved/) });
    expect(mock.org.mailbox(BOB)?.homeServer).toBe('ex1');
    expect(mock.admin.moveMailbox.bind(mock.admin, BOB, 'ex2')).toThrow(/already being moved/);

    clock.advance(5 * 60_000);
    expect(mock.org.mailbox(BOB)?.homeServer).toBe('ex2');
    expect((await view()).Items).toHaveLength(1);
    const sub = await svc.SubscribeToPullNotifications(
      [new FolderId(WellKnownFolderName.Calendar)],
      5,
      null as never,
      EventType.Created,
    );
    expect(mock.admin.subscriptions({ mailbox: BOB })).toMatchObject([{ id: sub.Id, server: 'ex2' }]);
  });

  it('Autodiscover: unknown users and settings, bad requests and missing credentials get Exchange-shaped errors', async () => {
    const reply = await autodiscover(mock, 'ex2').GetUserSettings(ALICE, [
      UserSettingName.InternalEwsUrl,
      UserSettingName.ActiveDirectoryServer,
    ]);
    expect(reply.Settings.get(UserSettingName.InternalEwsUrl)).toBe(mock.ewsUrl('ex1'));
    expect(reply.UserSettingErrors.map((e) => e.SettingName)).toEqual(['ActiveDirectoryServer']);
    const nobody = await autodiscover(mock, 'ex1').GetUserSettings('nobody@example.test', [
      UserSettingName.InternalEwsUrl,
    ]);
    expect(nobody.ErrorCode).toBe(AutodiscoverErrorCode.InvalidUser);
    expect(nobody.ErrorMessage).toBe("Invalid user: 'nobody@example.test'");

    const unknown = await postEws(mock, poxRequest('nobody@example.test'), { path: '/autodiscover/autodiscover.xml' });
    expect(unknown.body).toMatch(/<ErrorCode>500<\/ErrorCode><Message>The e-mail address cannot be found.<\/Message>/);
    const garbage = await postEws(mock, '<Autodiscover><oops', { path: '/autodiscover/autodiscover.xml' });
    expect(garbage.body).toMatch(/<ErrorCode>600<\/ErrorCode><Message>Invalid Request<\/Message>/);
    const denied = await postEws(mock, poxRequest(ALICE), { path: '/autodiscover/autodiscover.xml', auth: null });
    expect(denied.status).toBe(401);
    const soapGarbage = await postEws(mock, 'not xml', { path: '/autodiscover/autodiscover.svc' });
    expect(soapGarbage.status).toBe(500);
    expect(soapGarbage.body).toContain(`<s:Envelope xmlns:s="${NS.soap}"`);
  });
});
