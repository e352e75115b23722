import {
  CalendarView,
  ConnectingIdType,
  DateTime,
  EventType,
  ExchangeService,
  ExchangeVersion,
  FolderId,
  ImpersonatedUserId,
  Uri,
  WebCredentials,
  WellKnownFolderName,
  XhrApi,
} from 'ews-javascript-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RequestExpectationError, type RunningMockExchange, startMockExchange } from '../../../api/index.ts';
import { portIsFree, tcpHandles } from './open-sockets.ts';

// Written as a user's suite would be: only the package's API, a real EWS client, the default organization.
const ALICE = 'alice@example.test';
const MONDAY = '2030-05-06T07:00:00Z';

function client(mock: RunningMockExchange, impersonate: string): ExchangeService {
  const svc = new ExchangeService(ExchangeVersion.Exchange2013);
  svc.Url = new Uri(mock.ewsUrls.ex1 ?? '');
  // The default organization's service account (mock-exchange/default-org.ts), as the README lists it.
  svc.Credentials = new WebCredentials('svc-imp', 'Imp-Passw0rd');
  svc.ImpersonatedUserId = new ImpersonatedUserId(ConnectingIdType.SmtpAddress, impersonate);
  svc.XHRApi = new XhrApi({ httpsAgent: mock.httpsAgent() } as never);
  return svc;
}

describe('startMockExchange: a user drives a real EWS client and asserts on the request journal', () => {
  let mock: RunningMockExchange;
  let handlesBefore: number;
  beforeAll(async () => {
    handlesBefore = tcpHandles();
    mock = await startMockExchange(undefined, { virtualTime: { start: MONDAY } });
  });
  afterAll(async () => {
    await mock.stop();
  });

  it('hands the test what it needs: EWS and Autodiscover URLs per server, the CA, accounts, mailboxes', () => {
    expect(mock.servers.map((s) => s.name)).toEqual(['ex1', 'ex2']);
    expect(mock.ewsUrls.ex1).toMatch(/^https:\/\/ex1\.example\.test:\d+\/EWS\/Exchange\.asmx$/);
    expect(mock.servers[0]?.port).not.toBe(8443);
    expect(mock.servers[0]?.ewsUrlByIp).toMatch(/^https:\/\/127\.0\.10\.1:\d+\/EWS\/Exchange\.asmx$/);
    expect(mock.autodiscoverUrl).toMatch(/^https:\/\/ex1\.example\.test:\d+\/autodiscover\/autodiscover\.svc$/);
    expect(mock.caPem).toMatch(/^-----BEGIN CERTIFICATE-----/);
    expect(mock.accounts.find((a) => a.user === 'svc-imp')).toEqual({
      user: 'svc-imp',
      password: 'Imp-Passw0rd',
      impersonation: true,
    });
    expect(mock.mailboxes).toContain(ALICE);
    expect(mock.adminUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(mock.adminToken).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(mock.clock.now().toISOString()).toBe('2030-05-06T07:00:00.000Z');
  });

  it('journals a FindItem CalendarView: mailbox, impersonation, auth, version, body, response code', async () => {
    mock.requests.clear();
    const svc = client(mock, ALICE);
    const found = await svc.FindAppointments(
      WellKnownFolderName.Calendar,
      new CalendarView(
        new DateTime(Date.parse('2030-05-06T00:00:00Z')),
        new DateTime(Date.parse('2030-05-06T23:59:59Z')),
      ),
    );
    // Alice's day in the default organization: stand-up 09:00, design review 11:00, vendor call 15:00.
    expect(found.Items.map((a) => a.Subject)).toEqual(['Daily stand-up', 'Design review', 'Maybe: vendor call']);
    const r = mock.requests.expectOne({ operation: 'FindItem', mailbox: ALICE });
    expect(r).toMatchObject({
      server: 'ex1',
      at: '2030-05-06T07:00:00.000Z',
      impersonated: ALICE,
      auth: { method: 'Basic', account: 'svc-imp' },
      requestServerVersion: 'Exchange2013',
      responseCodes: ['NoError'],
      httpStatus: 200,
    });
    expect(r.body).toMatchObject({
      CalendarView: { '@StartDate': '2030-05-06T00:00:00.000Z' },
      ParentFolderIds: { DistinguishedFolderId: { '@Id': 'calendar' } },
    });
    expect(JSON.stringify(r)).not.toContain('Imp-Passw0rd');
  });

  it("asserts 'this client subscribed to alice's calendar with StatusFrequency 60'", async () => {
    const svc = client(mock, ALICE);
    await svc.SubscribeToPushNotifications(
      [new FolderId(WellKnownFolderName.Calendar)],
      new Uri('http://127.0.0.1:9/imp/notify'),
      60,
      null as never,
      EventType.Created,
      EventType.Modified,
    );
    const sub = mock.requests.expectOne({
      operation: 'Subscribe',
      mailbox: ALICE,
      where: (r) => r.body.PushSubscriptionRequest.StatusFrequency === '60',
    });
    expect(sub.body).toMatchObject({
      PushSubscriptionRequest: {
        FolderIds: { DistinguishedFolderId: { '@Id': 'calendar' } },
        EventTypes: { EventType: expect.arrayContaining(['CreatedEvent', 'ModifiedEvent']) },
        URL: 'http://127.0.0.1:9/imp/notify',
      },
    });
    expect(sub.responseCodes).toEqual(['NoError']);
    // A wrong expectation fails saying what was received.
    let failure: unknown;
    try {
      mock.requests.expectOne({ operation: 'Subscribe', mailbox: 'bob@example.test' });
    } catch (err) {
      failure = err;
    }
    expect(failure).toBeInstanceOf(RequestExpectationError);
    expect((failure as Error).message).toContain(
      'expected exactly one request with operation=Subscribe, mailbox=bob@example.test, found 0.',
    );
    expect((failure as Error).message).toMatch(
      /#\d+ 2030-05-06T07:00:00.000Z ex1 Subscribe alice@example.test \(Basic svc-imp\) -> 200 NoError/,
    );
    expect(() => mock.requests.expectNone({ operation: 'Subscribe', mailbox: ALICE })).toThrow('found 1');
  });

  it('shows the fault that answered and its response code, and the admin API serves the journal filtered', async () => {
    mock.requests.clear();
    await mock.admin.faults.add('ex1', { type: 'server-busy', operation: 'FindItem', backOffMilliseconds: 5000 });
    const svc = client(mock, ALICE);
    await expect(
      svc.FindAppointments(
        WellKnownFolderName.Calendar,
        new CalendarView(
          new DateTime(Date.parse('2030-05-06T00:00:00Z')),
          new DateTime(Date.parse('2030-05-07T00:00:00Z')),
        ),
      ),
    ).rejects.toBeDefined();
    await mock.admin.faults.clear('ex1');
    const busy = mock.requests.expectOne({ operation: 'FindItem' });
    expect(busy).toMatchObject({ fault: 'server-busy', responseCodes: ['ErrorServerBusy'], httpStatus: 500 });

    expect((await fetch(`${mock.adminUrl}/api/requests`)).status).toBe(401);
    const auth = { headers: { authorization: `Bearer ${mock.adminToken}` } };
    const res = await fetch(`${mock.adminUrl}/api/requests?operation=FindItem&mailbox=${ALICE}`, auth);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { capacity: number; dropped: number; requests: { operation: string }[] };
    expect(body.capacity).toBe(1000);
    expect(body.dropped).toBe(0);
    expect(body.requests.map((r) => r.operation)).toEqual(['FindItem']);
    const bad = await fetch(`${mock.adminUrl}/api/requests?since=yesterday`, auth);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toContain('since: must be a time');
  });

  it('journals a request refused at logon with the account name and never the password', async () => {
    mock.requests.clear();
    const svc = client(mock, ALICE);
    svc.Credentials = new WebCredentials('alice', 'wrong-password');
    await expect(
      svc.FindAppointments(
        WellKnownFolderName.Calendar,
        new CalendarView(
          new DateTime(Date.parse('2030-05-06T00:00:00Z')),
          new DateTime(Date.parse('2030-05-07T00:00:00Z')),
        ),
      ),
    ).rejects.toBeDefined();
    const [refused] = mock.requests.all();
    expect(refused).toMatchObject({ auth: { method: 'Basic', account: 'alice' }, httpStatus: 401 });
    expect(refused?.operation).toBeUndefined();
    expect(JSON.stringify(mock.requests.all())).not.toContain('wrong-password');
  });

  it('stop() releases every socket: the ports are free and no handle is left open', async () => {
    const ports = mock.servers.map((s) => [s.ip, s.port] as const);
    await mock.stop();
    await mock.stop();
    expect(tcpHandles()).toBe(handlesBefore);
    for (const [ip, port] of ports) expect(await portIsFree(ip, port)).toBe(true);
  });
});
