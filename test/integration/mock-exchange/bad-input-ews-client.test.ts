import {
  CalendarFolder,
  ExchangeVersion,
  ServiceError,
  ServiceResponseException,
  SoapFaultDetails,
  WellKnownFolderName,
} from 'ews-javascript-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MockExchange } from '../../../mock-exchange/mock-exchange.ts';
import { type ClientOptions, ewsClient, startMock } from '../../support/mock-server.ts';

/** Bind the calendar and return what ews-javascript-api rejected with. */
async function bindFailure(mock: MockExchange, opts: ClientOptions): Promise<unknown> {
  try {
    await CalendarFolder.Bind(ewsClient(mock, opts), WellKnownFolderName.Calendar);
  } catch (err) {
    return err;
  }
  throw new Error('CalendarFolder.Bind succeeded where it should have failed');
}

/** A 500 SOAP fault as ews-js surfaces it: SoapFaultDetails with the ServiceError number and the fault's message. */
function expectSoapFault(err: unknown, code: ServiceError, message: RegExp) {
  expect(err).toBeInstanceOf(SoapFaultDetails);
  const fault = err as SoapFaultDetails;
  expect(ServiceError[fault.ResponseCode]).toBe(ServiceError[code]);
  expect(fault.HttpStatusCode).toBe(500);
  expect(fault.Message).toMatch(message);
}

// ews-js refuses locally to send a request without credentials, so "no credentials" is covered only by
// bad-input.test.ts over raw HTTPS.
describe('bad input as ews-javascript-api sees it', () => {
  let mock: MockExchange;
  beforeEach(async () => {
    mock = await startMock();
  });
  afterEach(async () => {
    await mock.stop();
  });

  it('a wrong password: SoapFaultDetails HttpStatusCode 401 wrapping ServiceRequestUnauthorizedException', async () => {
    const err = await bindFailure(mock, { password: 'wrong', impersonate: 'alice@example.test' });
    expect(err).toBeInstanceOf(SoapFaultDetails);
    const fault = err as SoapFaultDetails;
    expect(fault.HttpStatusCode).toBe(401);
    expect(fault.Message).toBe('401 Unauthorized');
    expect(fault.Exception?.constructor.name).toBe('ServiceRequestUnauthorizedException');
  });

  it('an unknown impersonated mailbox: SoapFaultDetails ErrorNonExistentMailbox', async () => {
    expectSoapFault(
      await bindFailure(mock, { impersonate: 'zed@example.test' }),
      ServiceError.ErrorNonExistentMailbox,
      /zed@example\.test/,
    );
  });

  it('an account without ApplicationImpersonation: SoapFaultDetails ErrorImpersonationDenied', async () => {
    expectSoapFault(
      await bindFailure(mock, { user: 'nobody', password: 'nobody-pw', impersonate: 'alice@example.test' }),
      ServiceError.ErrorImpersonationDenied,
      /nobody/,
    );
  });

  it('an account scoped to ex1 impersonating a mailbox on ex2: SoapFaultDetails ErrorImpersonateUserDenied (119)', async () => {
    const err = await bindFailure(mock, {
      user: 'svc-ex1-only',
      password: 'Scoped-Passw0rd',
      impersonate: 'carol@example.test',
    });
    expectSoapFault(err, ServiceError.ErrorImpersonateUserDenied, /carol@example\.test/);
    expect((err as SoapFaultDetails).ResponseCode).toBe(119);
  });

  it('an invalid RequestServerVersion: SoapFaultDetails ErrorInvalidServerVersion (226)', async () => {
    // ews-js writes the enum's name verbatim; this placeholder is in its enum but is no Exchange version.
    const err = await bindFailure(mock, {
      impersonate: 'alice@example.test',
      version: ExchangeVersion.Exchange_Version_Not_Updated,
    });
    expectSoapFault(err, ServiceError.ErrorInvalidServerVersion, /Exchange_Version_Not_Updated/);
    expect((err as SoapFaultDetails).ResponseCode).toBe(226);
  });

  it('no impersonation and no mailbox of its own: ServiceResponseException ErrorNonExistentMailbox (HTTP 200)', async () => {
    const err = await bindFailure(mock, {});
    expect(err).toBeInstanceOf(ServiceResponseException);
    const ex = err as ServiceResponseException;
    expect(ServiceError[ex.ErrorCode]).toBe('ErrorNonExistentMailbox');
    expect(ex.Response.ErrorMessage).toMatch(/svc-imp has no mailbox/);
  });

  it('the mock keeps serving the same client after each refusal', async () => {
    await bindFailure(mock, { impersonate: 'zed@example.test' });
    await bindFailure(mock, { password: 'wrong', impersonate: 'alice@example.test' });
    const folder = await CalendarFolder.Bind(
      ewsClient(mock, { impersonate: 'alice@example.test' }),
      WellKnownFolderName.Calendar,
    );
    expect(folder.DisplayName).toBe('Calendar');
  });
});
