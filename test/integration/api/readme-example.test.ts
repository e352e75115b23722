import { request } from 'node:https';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { type RunningMockExchange, startMockExchange } from '../../../api/index.ts';

let mock: RunningMockExchange;
beforeEach(async () => {
  mock = await startMockExchange(undefined, { virtualTime: { start: '2030-05-06T08:00:00Z' } });
});
afterEach(() => mock.stop());

test("my client subscribes to alice's calendar with StatusFrequency 60", async () => {
  // Your EWS client goes here; any client works. This one is raw SOAP over node:https.
  const body = `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"
    xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages"
    xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types">
    <soap:Header><t:RequestServerVersion Version="Exchange2013"/>
      <t:ExchangeImpersonation><t:ConnectingSID><t:SmtpAddress>alice@example.test</t:SmtpAddress></t:ConnectingSID></t:ExchangeImpersonation>
    </soap:Header>
    <soap:Body><m:Subscribe><m:PushSubscriptionRequest>
      <t:FolderIds><t:DistinguishedFolderId Id="calendar"/></t:FolderIds>
      <t:EventTypes><t:EventType>CreatedEvent</t:EventType></t:EventTypes>
      <t:StatusFrequency>60</t:StatusFrequency><t:URL>http://127.0.0.1:9/notify</t:URL>
    </m:PushSubscriptionRequest></m:Subscribe></soap:Body></soap:Envelope>`;
  const status = await new Promise<number | undefined>((resolve, reject) => {
    const req = request(
      mock.ewsUrls.ex1 ?? '',
      {
        method: 'POST',
        agent: mock.httpsAgent(), // trusts mock.caPem, resolves ex1.example.test
        auth: 'svc-imp:Imp-Passw0rd',
        headers: { 'content-type': 'text/xml; charset=utf-8' },
      },
      (res) => res.resume().on('end', () => resolve(res.statusCode)),
    );
    req.on('error', reject);
    req.end(body);
  });
  expect(status).toBe(200);

  const sub = mock.requests.expectOne({
    operation: 'Subscribe',
    mailbox: 'alice@example.test',
    where: (r) => r.body.PushSubscriptionRequest.StatusFrequency === '60',
  });
  expect(sub.responseCodes).toEqual(['NoError']);
  expect(sub.auth).toEqual({ method: 'Basic', account: 'svc-imp' });
});
