import { describe, expect, it } from 'vitest';
import { parseSoapRequest } from '../../../../ews/soap-request.ts';
import { MockExchangeError } from '../../../../mock-exchange/mock-exchange-error.ts';
import { responseCodesOf } from '../../../../mock-exchange/requests/recorded-request.ts';
import { RequestJournal } from '../../../../mock-exchange/requests/request-journal.ts';

const T0 = Date.UTC(2030, 4, 6, 8, 0, 0);

const SUBSCRIBE = `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"
  xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages"
  xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types">
  <soap:Header><t:RequestServerVersion Version="Exchange2010_SP2"/>
    <t:ExchangeImpersonation><t:ConnectingSID><t:SmtpAddress>Alice@Example.test</t:SmtpAddress></t:ConnectingSID></t:ExchangeImpersonation>
  </soap:Header>
  <soap:Body><m:Subscribe><m:PushSubscriptionRequest>
    <t:FolderIds><t:DistinguishedFolderId Id="calendar"><t:Mailbox><t:EmailAddress>bob@example.test</t:EmailAddress></t:Mailbox></t:DistinguishedFolderId></t:FolderIds>
    <t:EventTypes><t:EventType>CreatedEvent</t:EventType><t:EventType>ModifiedEvent</t:EventType></t:EventTypes>
    <t:StatusFrequency>60</t:StatusFrequency><t:URL>https://imp.example.test:50020/notify</t:URL>
  </m:PushSubscriptionRequest></m:Subscribe></soap:Body></soap:Envelope>`;

const entry = async (journal: RequestJournal, at: number, xml = SUBSCRIBE, server = 'ex1') =>
  journal.record({
    at,
    server,
    request: await parseSoapRequest(xml),
    mailbox: 'alice@example.test',
    auth: { method: 'Basic', account: 'svc-imp' },
    headers: { 'user-agent': 'ExchangeServicesClient/15', authorization: 'Basic c3ZjOnNlY3JldA==', cookie: 'x=1' },
    responseCodes: ['NoError'],
    httpStatus: 200,
  });

describe('request journal', () => {
  it('keeps a small request as its text, not its tree, and shows the same view from it', async () => {
    const fromTree = new RequestJournal(10);
    await entry(fromTree, T0);
    const fromText = new RequestJournal(10);
    const request = await parseSoapRequest(SUBSCRIBE);
    fromText.record({
      at: T0,
      server: 'ex1',
      request,
      xml: SUBSCRIBE,
      mailbox: 'alice@example.test',
      auth: { method: 'Basic', account: 'svc-imp' },
      headers: { 'user-agent': 'ExchangeServicesClient/15', authorization: 'Basic c3ZjOnNlY3JldA==' },
      responseCodes: ['NoError'],
      httpStatus: 200,
    });
    // The tree is the endpoint's: what it does to it afterwards does not reach the journal.
    (request.body.children as unknown[]).length = 0;
    expect(fromText.query({ operation: 'Subscribe' })).toHaveLength(1);
    expect(fromText.query({ mailbox: 'BOB@example.test' })).toEqual(fromTree.query());
    expect(fromText.query()[0]?.body).toHaveProperty('PushSubscriptionRequest.StatusFrequency', '60');
  });

  it('shows a Subscribe as plain JSON: operation, mailboxes, impersonation, version, body, never the Authorization header', async () => {
    const journal = new RequestJournal(10);
    await entry(journal, T0);
    const [r] = journal.query();
    expect(r).toEqual({
      seq: 1,
      at: '2030-05-06T08:00:00.000Z',
      server: 'ex1',
      operation: 'Subscribe',
      mailboxes: ['alice@example.test', 'bob@example.test'],
      impersonated: 'Alice@Example.test',
      auth: { method: 'Basic', account: 'svc-imp' },
      requestServerVersion: 'Exchange2010_SP2',
      headers: { 'user-agent': 'ExchangeServicesClient/15' },
      body: {
        PushSubscriptionRequest: {
          FolderIds: { DistinguishedFolderId: { '@Id': 'calendar', Mailbox: { EmailAddress: 'bob@example.test' } } },
          EventTypes: { EventType: ['CreatedEvent', 'ModifiedEvent'] },
          StatusFrequency: '60',
          URL: 'https://imp.example.test:50020/notify',
        },
      },
      responseCodes: ['NoError'],
      httpStatus: 200,
    });
    expect(JSON.stringify(r)).not.toContain('c3ZjOnNlY3JldA');
  });

  it('keeps the newest `capacity` requests and counts the ones it dropped', async () => {
    const journal = new RequestJournal(3);
    for (let i = 0; i < 5; i++) await entry(journal, T0 + i * 1000);
    const snap = journal.snapshot();
    expect(snap).toMatchObject({ capacity: 3, total: 5, dropped: 2 });
    expect(snap.requests.map((r) => r.seq)).toEqual([3, 4, 5]);
    journal.clear();
    expect(journal.snapshot()).toMatchObject({ total: 0, dropped: 0, requests: [] });
  });

  it('filters by operation, mailbox (any case), server, account and time', async () => {
    const journal = new RequestJournal(10);
    await entry(journal, T0);
    const findItem = SUBSCRIBE.replace(/<m:Subscribe>[\s\S]*<\/m:Subscribe>/, '<m:FindItem Traversal="Shallow"/>');
    await entry(journal, T0 + 60_000, findItem, 'ex2');
    expect(journal.query({ operation: 'FindItem' }).map((r) => r.seq)).toEqual([2]);
    expect(journal.query({ mailbox: 'BOB@example.test' }).map((r) => r.seq)).toEqual([1]);
    expect(journal.query({ mailbox: 'alice@example.test' }).map((r) => r.seq)).toEqual([1, 2]);
    expect(journal.query({ server: 'ex2' }).map((r) => r.seq)).toEqual([2]);
    expect(journal.query({ account: 'someone' })).toEqual([]);
    expect(journal.query({ since: '2030-05-06T08:00:30Z' }).map((r) => r.seq)).toEqual([2]);
    expect(journal.query({ until: T0 }).map((r) => r.seq)).toEqual([1]);
    expect(() => journal.query({ since: 'yesterday' })).toThrow(MockExchangeError);
    expect(() => journal.query({ since: 'yesterday' })).toThrow('since: must be a time');
  });

  it('refuses a capacity that is not a positive integer', () => {
    expect(() => new RequestJournal(0)).toThrow('requestJournalCapacity: must be a positive integer, got 0');
  });

  it('bounds the body view of a huge request and says it is truncated', async () => {
    const journal = new RequestJournal(2);
    const ids = Array.from({ length: 2000 }, (_, i) => `<t:ItemId Id="id${i}"/>`).join('');
    await entry(
      journal,
      T0,
      SUBSCRIBE.replace(/<m:Subscribe>[\s\S]*<\/m:Subscribe>/, `<m:GetItem><m:ItemIds>${ids}</m:ItemIds></m:GetItem>`),
    );
    const [r] = journal.query();
    expect(r?.bodyTruncated).toBe(true);
    const kept = (r?.body as { ItemIds: { ItemId: unknown[] } } | undefined)?.ItemIds.ItemId ?? [];
    expect(kept.length).toBeLessThan(2000);
    expect(kept.length).toBeGreaterThan(100);
  });
});

describe('response codes of a reply', () => {
  it('reads every m:ResponseCode, and the e:ResponseCode of a SOAP fault, not the closing tags', () => {
    const messages =
      '<m:FindItemResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode></m:FindItemResponseMessage>' +
      '<m:FindItemResponseMessage ResponseClass="Error"><m:MessageText>x</m:MessageText><m:ResponseCode>ErrorAccessDenied</m:ResponseCode></m:FindItemResponseMessage>';
    expect(responseCodesOf(messages)).toEqual(['NoError', 'ErrorAccessDenied']);
    const fault =
      '<s:Fault><detail><e:ResponseCode xmlns:e="http://schemas.microsoft.com/exchange/services/2006/errors">ErrorServerBusy</e:ResponseCode></detail></s:Fault>';
    expect(responseCodesOf(fault)).toEqual(['ErrorServerBusy']);
    expect(responseCodesOf('<m:GetFolderResponse/>')).toEqual([]);
  });
});
