import { describe, expect, it } from 'vitest';
import { RequestExpectationError, RequestLog } from '../../../api/index.ts';
import { parseSoapRequest } from '../../../ews/soap-request.ts';
import { RequestJournal } from '../../../mock-exchange/requests/request-journal.ts';

const envelope = (body: string) =>
  `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types"><soap:Body>${body}</soap:Body></soap:Envelope>`;
const PULL = envelope(
  '<m:Subscribe><m:PullSubscriptionRequest><t:FolderIds><t:DistinguishedFolderId Id="calendar"/></t:FolderIds><t:EventTypes><t:EventType>CreatedEvent</t:EventType></t:EventTypes><t:Timeout>30</t:Timeout></m:PullSubscriptionRequest></m:Subscribe>',
);
const PUSH = (frequency: number) =>
  envelope(
    `<m:Subscribe><m:PushSubscriptionRequest><t:FolderIds><t:DistinguishedFolderId Id="calendar"/></t:FolderIds><t:EventTypes><t:EventType>CreatedEvent</t:EventType></t:EventTypes><t:StatusFrequency>${frequency}</t:StatusFrequency><t:URL>http://imp/notify</t:URL></m:PushSubscriptionRequest></m:Subscribe>`,
  );

async function log(...bodies: string[]): Promise<RequestLog> {
  const journal = new RequestJournal(2);
  for (const [i, xml] of bodies.entries()) {
    journal.record({
      at: Date.UTC(2030, 4, 6, 8, 0, i),
      server: 'ex1',
      request: await parseSoapRequest(xml),
      mailbox: 'alice@example.test',
      auth: { method: 'NTLM', account: 'svc-imp' },
      headers: {},
      responseCodes: ['NoError'],
      httpStatus: 200,
    });
  }
  return new RequestLog(journal);
}

const statusFrequency60 = {
  operation: 'Subscribe',
  mailbox: 'alice@example.test',
  // biome-ignore lint/suspicious/noExplicitAny: as a user writes it, indexing the body's JSON view freely.
  where: (r: { body?: any }) => r.body.PushSubscriptionRequest.StatusFrequency === '60',
};

describe('request matchers', () => {
  it('a where() that throws on another request (a pull Subscribe) just does not match it', async () => {
    const requests = await log(PULL, PUSH(60));
    expect(requests.expectOne(statusFrequency60).seq).toBe(2);
  });

  it('expectOne fails naming the expectation and listing what was received, dropped ones counted', async () => {
    const requests = await log(PUSH(30), PULL, PUSH(1));
    let failure: unknown;
    try {
      requests.expectOne(statusFrequency60);
    } catch (err) {
      failure = err;
    }
    expect(failure).toBeInstanceOf(RequestExpectationError);
    expect((failure as Error).message).toBe(
      [
        'expected exactly one request with operation=Subscribe, mailbox=alice@example.test, where(...), found 0.',
        'The mock received 3 request(s) (1 dropped):',
        '  #2 2030-05-06T08:00:01.000Z ex1 Subscribe alice@example.test (NTLM svc-imp) -> 200 NoError',
        '  #3 2030-05-06T08:00:02.000Z ex1 Subscribe alice@example.test (NTLM svc-imp) -> 200 NoError',
      ].join('\n'),
    );
  });

  it('expectOne refuses two matches, marking them; expectSome returns them; expectNone fails on them', async () => {
    const requests = await log(PUSH(60), PUSH(60));
    expect(() => requests.expectOne({ operation: 'Subscribe' })).toThrow(
      /found 2\.\n.*\n {2}#1 .* <- matches\n {2}#2 .* <- matches$/,
    );
    expect(requests.expectSome(statusFrequency60).map((r) => r.seq)).toEqual([1, 2]);
    expect(() => requests.expectNone({ operation: 'Subscribe' })).toThrow(
      'expected no request with operation=Subscribe, found 2.',
    );
    requests.expectNone({ operation: 'FindItem' });
  });
});
