import { parseXml } from '../../ews/soap-request.ts';
import type { MockExchange } from '../../mock-exchange/mock-exchange.ts';
import { type PostReply, postEws } from './https-post.ts';
import { soapEnvelope } from './soap-envelope.ts';

export interface EwsCallReply extends PostReply {
  /** ResponseCode of the first ResponseMessage, or of the SOAP fault's detail. */
  code: string | undefined;
}

/**
 * POST one EWS operation element (m:/t: prefixes) over real HTTPS as any account (default: the impersonation
 * account), impersonating a mailbox when asked: for requests ews-javascript-api validates away or cannot express.
 */
export async function ewsCall(
  mock: MockExchange,
  operation: string,
  opts: { impersonate?: string; server?: string; auth?: { user: string; password: string } } = {},
): Promise<EwsCallReply> {
  const reply = await postEws(mock, soapEnvelope(operation, { impersonate: opts.impersonate }), {
    server: opts.server,
    auth: opts.auth,
  });
  return { ...reply, code: await responseCode(reply.body) };
}

export async function responseCode(xml: string): Promise<string | undefined> {
  const start = xml.indexOf('<');
  const end = xml.indexOf('</Envelope>');
  const root = await parseXml(end > 0 ? xml.slice(start, end + '</Envelope>'.length) : xml.slice(start));
  const body = root.child('Body')?.children[0];
  if (body?.name === 'Fault') return body.textAt('detail', 'ResponseCode');
  return body?.child('ResponseMessages')?.children[0]?.textAt('ResponseCode');
}
