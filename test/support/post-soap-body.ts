import type { MockExchange } from '../../mock-exchange/mock-exchange.ts';
import { postEws, soapEnvelope } from './raw-ews.ts';

export interface SoapReply {
  status: number;
  body: string;
}

/**
 * POST one EWS operation element (with m: and t: prefixes) as the service account, impersonating a mailbox
 * when asked: for requests ews-javascript-api validates away locally or cannot express.
 */
export async function postSoapBody(
  mock: MockExchange,
  operationXml: string,
  opts: { impersonate?: string; server?: string } = {},
): Promise<SoapReply> {
  const { status, body } = await postEws(mock, soapEnvelope(operationXml, { impersonate: opts.impersonate }), {
    server: opts.server,
  });
  return { status, body };
}
