/**
 * What the request journal adds to each EWS request on the hot path: recording a parsed FindItem CalendarView
 * (with the scan of its 4.7 kB reply for ResponseCodes), against the parse itself; and the cost of reading
 * the journal back as JSON views (a small request is kept as its text and parsed again on the first read).
 *
 *   npx tsx bench/request-journal.ts [--requests 200000]
 */
import { parseArgs } from 'node:util';
import { NS } from '../ews/namespaces.ts';
import { parseSoapRequest } from '../ews/soap-request.ts';
import { responseCodesOf } from '../mock-exchange/requests/recorded-request.ts';
import { RequestJournal } from '../mock-exchange/requests/request-journal.ts';

const { values } = parseArgs({ options: { requests: { type: 'string', default: '200000' } } });
const N = Number(values.requests);
if (!Number.isInteger(N) || N <= 0) throw new Error(`--requests must be a positive integer, got ${values.requests}`);

const body =
  `<soap:Envelope xmlns:soap="${NS.soap}" xmlns:m="${NS.m}" xmlns:t="${NS.t}"><soap:Header>` +
  '<t:RequestServerVersion Version="Exchange2013"/><t:ExchangeImpersonation><t:ConnectingSID><t:SmtpAddress>alice@example.test</t:SmtpAddress></t:ConnectingSID></t:ExchangeImpersonation>' +
  '</soap:Header><soap:Body><m:FindItem Traversal="Shallow"><m:ItemShape><t:BaseShape>AllProperties</t:BaseShape></m:ItemShape>' +
  '<m:CalendarView MaxEntriesReturned="50" StartDate="2030-05-06T00:00:00Z" EndDate="2030-05-07T00:00:00Z"/>' +
  '<m:ParentFolderIds><t:DistinguishedFolderId Id="calendar"/></m:ParentFolderIds></m:FindItem></soap:Body></soap:Envelope>';
const reply = `<m:FindItemResponse><m:ResponseMessages><m:FindItemResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode><m:RootFolder>${'<t:CalendarItem>x</t:CalendarItem>'.repeat(130)}</m:RootFolder></m:FindItemResponseMessage></m:ResponseMessages></m:FindItemResponse>`;
const headers = { 'user-agent': 'bench', 'content-type': 'text/xml; charset=utf-8', authorization: 'Basic x' };

const request = await parseSoapRequest(body);
const PARSES = Math.min(N, 20_000);
let t = performance.now();
for (let i = 0; i < PARSES; i++) await parseSoapRequest(body);
const parseUs = ((performance.now() - t) * 1000) / PARSES;

const journal = new RequestJournal();
t = performance.now();
for (let i = 0; i < N; i++) {
  journal.record({
    at: i,
    server: 'ex1',
    request,
    xml: body,
    mailbox: 'alice@example.test',
    auth: { method: 'Basic', account: 'svc-imp' },
    headers,
    responseCodes: responseCodesOf(reply),
    httpStatus: 200,
  });
}
const recordUs = ((performance.now() - t) * 1000) / N;

t = performance.now();
const views = journal.query({ mailbox: 'alice@example.test' });
const readMs = performance.now() - t;

console.log(`reply ${reply.length} bytes; ${N} records into a journal of ${journal.capacity}`);
console.log(`record (hot path)      ${recordUs.toFixed(2)} µs/request`);
console.log(`parse of the request   ${parseUs.toFixed(2)} µs/request (what the endpoint does anyway)`);
console.log(
  `first read of ${views.length} views  ${readMs.toFixed(1)} ms (each request parsed again from its text, once, on read)`,
);
