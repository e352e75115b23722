import { request } from 'node:https';
import { expect, it } from 'vitest';
import { type RunningMockExchange, startMockExchange } from '../../../api/index.ts';
import { tcpHandles } from './open-sockets.ts';

function subscribePush(mock: RunningMockExchange): Promise<number | undefined> {
  const body = `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"
    xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages"
    xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types">
    <soap:Header><t:RequestServerVersion Version="Exchange2013"/></soap:Header>
    <soap:Body><m:Subscribe><m:PushSubscriptionRequest>
      <t:FolderIds><t:DistinguishedFolderId Id="calendar"/></t:FolderIds>
      <t:EventTypes><t:EventType>CreatedEvent</t:EventType></t:EventTypes>
      <t:StatusFrequency>1</t:StatusFrequency><t:URL>http://127.0.0.1:9/notify</t:URL>
    </m:PushSubscriptionRequest></m:Subscribe></soap:Body></soap:Envelope>`;
  return new Promise((resolve, reject) => {
    const req = request(
      mock.ewsUrls.ex1 ?? '',
      { method: 'POST', agent: mock.httpsAgent({ keepAlive: true }), auth: 'alice:alice-pw' },
      (res) => res.resume().on('end', () => resolve(res.statusCode)),
    );
    req.on('error', reject);
    req.end(body);
  });
}

it('on the wall clock, with a push subscription and a keep-alive agent, stop() leaves no socket open', async () => {
  const before = tcpHandles();
  const mock = await startMockExchange();
  expect(await subscribePush(mock)).toBe(200);
  mock.requests.expectOne({ operation: 'Subscribe', mailbox: 'alice@example.test', account: 'alice' });
  expect(mock.exchange.admin.subscriptions({ mailbox: 'alice@example.test' })).toHaveLength(1);
  await mock.stop();
  expect(tcpHandles()).toBe(before);
});
