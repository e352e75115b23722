import { request } from 'node:https';
import {
  CalendarFolder,
  FolderView,
  ServiceError,
  ServiceResponseException,
  SoapFaultDetails,
  WellKnownFolderName,
} from 'ews-javascript-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MockExchange } from '../../../../mock-exchange/mock-exchange.ts';
import { VirtualClock } from '../../../../sim/clock.ts';
import { ewsClient, startMock } from '../../../support/mock-server.ts';
import { SVC, T, TEST_START, testOrgConfig } from '../../../support/test-org.ts';

/** Bind alice's (or another mailbox's) calendar through ews-javascript-api; resolves to the error, if any. */
async function bindCalendar(mock: MockExchange, impersonate = 'alice@example.test'): Promise<unknown> {
  try {
    await CalendarFolder.Bind(ewsClient(mock, { impersonate }), WellKnownFolderName.Calendar);
    return undefined;
  } catch (err) {
    return err;
  }
}

/** A raw HTTPS POST with valid credentials, to see status and headers as the wire carries them. */
function rawPost(mock: MockExchange): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  const s = mock.org.server('ex1')!;
  const body =
    '<?xml version="1.0"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" ' +
    'xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" ' +
    'xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types"><s:Body><m:GetFolder>' +
    '<m:FolderShape><t:BaseShape>IdOnly</t:BaseShape></m:FolderShape><m:FolderIds>' +
    '<t:DistinguishedFolderId Id="calendar"><t:Mailbox><t:EmailAddress>alice@example.test</t:EmailAddress></t:Mailbox>' +
    '</t:DistinguishedFolderId></m:FolderIds></m:GetFolder></s:Body></s:Envelope>';
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: s.ip,
        port: s.port,
        servername: s.fqdn,
        ca: mock.pki.root.pem,
        method: 'POST',
        path: '/EWS/Exchange.asmx',
        auth: `${SVC.user}:${SVC.password}`,
        headers: { 'Content-Type': 'text/xml; charset=utf-8' },
      },
      (res) => {
        let text = '';
        res.on('data', (d) => {
          text += d;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('Exchange faults in the HTTP layer, as ews-javascript-api sees them', () => {
  let clock: VirtualClock;
  let mock: MockExchange;
  beforeEach(async () => {
    clock = new VirtualClock(TEST_START);
    mock = await startMock(testOrgConfig(), clock);
  });
  afterEach(async () => {
    await mock.stop();
  });

  it('server-busy as a 500 SOAP fault: ErrorServerBusy with BackOffMilliseconds parsed by the client', async () => {
    await mock.faults.set('ex1', [{ type: 'server-busy', backOffMilliseconds: 1234 }]);
    const err = await bindCalendar(mock);
    expect(err).toBeInstanceOf(SoapFaultDetails);
    const details = err as SoapFaultDetails;
    expect(details.HttpStatusCode).toBe(500);
    expect(details.ResponseCode).toBe(ServiceError.ErrorServerBusy);
    expect(details.ErrorDetails.get('BackOffMilliseconds')).toBe('1234');
  });

  it('server-busy as a 200 error ResponseMessage: ServiceResponseException with BackOffMilliseconds', async () => {
    await mock.faults.set('ex1', [{ type: 'server-busy', backOffMilliseconds: 4321, as: 'message' }]);
    const err = await bindCalendar(mock);
    expect(err).toBeInstanceOf(ServiceResponseException);
    const ex = err as ServiceResponseException;
    expect(ex.ErrorCode).toBe(ServiceError.ErrorServerBusy);
    expect(ex.Response.ErrorDetails.get('BackOffMilliseconds')).toBe('4321');
  });

  it('unauthorized: HTTP 401 with the IIS challenges, although the credentials are right', async () => {
    await mock.faults.set('ex1', [{ type: 'unauthorized' }]);
    const err = (await bindCalendar(mock)) as SoapFaultDetails;
    expect(err.HttpStatusCode).toBe(401);
    const raw = await rawPost(mock);
    expect(raw.status).toBe(401);
    expect(raw.headers['www-authenticate']).toContain('Basic realm="ex1.example.test"');
  });

  it('soap-fault-500 with a chosen response code', async () => {
    await mock.faults.set('ex1', [{ type: 'soap-fault-500', code: 'ErrorMailboxStoreUnavailable' }]);
    const err = (await bindCalendar(mock)) as SoapFaultDetails;
    expect(err.HttpStatusCode).toBe(500);
    expect(err.ResponseCode).toBe(ServiceError.ErrorMailboxStoreUnavailable);
    expect(err.message).toBe('The mailbox database is temporarily unavailable.');
  });

  it('service-unavailable: HTTP 503 from HTTP.sys with Retry-After', async () => {
    await mock.faults.set('ex1', [{ type: 'service-unavailable', retryAfterSeconds: 30 }]);
    const raw = await rawPost(mock);
    expect(raw.status).toBe(503);
    expect(raw.headers['retry-after']).toBe('30');
    expect(raw.body).toContain('HTTP Error 503. The service is unavailable.');
    expect(((await bindCalendar(mock)) as SoapFaultDetails).HttpStatusCode).toBe(503);
  });

  it.each([
    [{ type: 'server-busy' }, 500, 'text/xml; charset=utf-8', 'a:ErrorServerBusy</faultcode>'],
    [{ type: 'server-busy', as: 'message' }, 200, 'text/xml; charset=utf-8', 'ResponseClass="Error"'],
    [
      { type: 'soap-fault-500', code: 'ErrorMailboxStoreUnavailable' },
      500,
      'text/xml; charset=utf-8',
      'The mailbox database is temporarily unavailable.',
    ],
    [{ type: 'mailbox-move-in-progress' }, 200, 'text/xml; charset=utf-8', 'ErrorMailboxMoveInProgress'],
    [{ type: 'service-unavailable' }, 503, 'text/html; charset=us-ascii', 'HTTP Error 503'],
  ])('%j on the wire: HTTP %i, %s', async (fault, status, contentType, text) => {
    await mock.faults.set('ex1', [fault]);
    const raw = await rawPost(mock);
    expect(raw.status).toBe(status);
    expect(raw.headers['content-type']).toBe(contentType);
    expect(raw.body).toContain(text);
    // Retry-After only when the fault gives one.
    expect(raw.headers['retry-after']).toBeUndefined();
  });

  it('mailbox-move-in-progress limited to one mailbox: alice gets it, bob does not', async () => {
    await mock.faults.set('ex1', [{ type: 'mailbox-move-in-progress', mailbox: 'alice@example.test' }]);
    const err = await bindCalendar(mock, 'alice@example.test');
    expect(err).toBeInstanceOf(ServiceResponseException);
    expect((err as ServiceResponseException).ErrorCode).toBe(ServiceError.ErrorMailboxMoveInProgress);
    expect(await bindCalendar(mock, 'bob@example.test')).toBeUndefined();
  });

  it('limited to an operation: FindFolder is throttled, GetFolder is not', async () => {
    await mock.faults.set('ex1', [{ type: 'server-busy', operation: 'FindFolder', backOffMilliseconds: 500 }]);
    expect(await bindCalendar(mock)).toBeUndefined();
    const svc = ewsClient(mock, { impersonate: 'alice@example.test' });
    await expect(svc.FindFolders(WellKnownFolderName.MsgFolderRoot, new FolderView(10))).rejects.toMatchObject({
      ResponseCode: ServiceError.ErrorServerBusy,
    });
  });

  it('limited to a time window on the sim clock: off before 09:00, on until 10:00, off after', async () => {
    await mock.faults.set('ex1', [{ type: 'server-busy', from: T('09:00'), until: T('10:00') }]);
    expect(await bindCalendar(mock)).toBeUndefined();
    clock.runUntil(Date.parse(T('09:00')));
    expect(await bindCalendar(mock)).toBeInstanceOf(SoapFaultDetails);
    clock.runUntil(Date.parse(T('09:59')) + 59_999);
    expect(await bindCalendar(mock)).toBeInstanceOf(SoapFaultDetails);
    clock.advance(1);
    expect(await bindCalendar(mock)).toBeUndefined();
  });

  it('ex2 is untouched by ex1 faults, and each fired fault is in the journal', async () => {
    await mock.faults.set('ex1', [{ type: 'server-busy', name: 'throttle' }]);
    expect(await bindCalendar(mock)).toBeInstanceOf(SoapFaultDetails);
    const ex2 = await CalendarFolder.Bind(
      ewsClient(mock, { server: 'ex2', impersonate: 'alice@example.test' }),
      WellKnownFolderName.Calendar,
    );
    expect(ex2.DisplayName).toBe('Calendar');
    const fired = mock.journal.entries({ source: 'fault:ex1' });
    expect(fired.at(-1)).toMatchObject({ message: 'server-busy answered GetFolder', data: { fault: 'throttle' } });
  });

  it('callback-unreachable is data for push delivery: active in its window and scope, ignored by the EWS endpoint', async () => {
    await mock.faults.set('ex1', [
      { type: 'callback-unreachable', mailbox: 'alice@example.test', from: T('08:00'), until: T('09:00') },
    ]);
    const ex1 = mock.faults.for('ex1');
    expect(ex1.active('callback-unreachable', { mailbox: 'alice@example.test' })).toMatchObject({
      type: 'callback-unreachable',
      name: 'callback-unreachable',
    });
    expect(ex1.active('callback-unreachable', { mailbox: 'bob@example.test' })).toBeUndefined();
    expect(await bindCalendar(mock)).toBeUndefined();
    clock.runUntil(Date.parse(T('09:00')));
    expect(ex1.active('callback-unreachable', { mailbox: 'alice@example.test' })).toBeUndefined();
  });
});
