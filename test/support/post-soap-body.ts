import { request } from 'node:https';
import type { MockExchange } from '../../mock-exchange/mock-exchange.ts';
import { SVC } from './test-org.ts';

export interface SoapReply {
  status: number;
  body: string;
}

/**
 * POST one EWS operation element (with m: and t: prefixes) as the service account, impersonating a mailbox
 * when asked: for requests ews-javascript-api validates away locally or cannot express.
 */
export function postSoapBody(
  mock: MockExchange,
  operationXml: string,
  opts: { impersonate?: string; server?: string } = {},
): Promise<SoapReply> {
  const impersonation = opts.impersonate
    ? `<t:ExchangeImpersonation><t:ConnectingSID><t:SmtpAddress>${opts.impersonate}</t:SmtpAddress></t:ConnectingSID></t:ExchangeImpersonation>`
    : '';
  const xml =
    '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" ' +
    'xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" ' +
    'xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types">' +
    `<soap:Header><t:RequestServerVersion Version="Exchange2013"/>${impersonation}</soap:Header>` +
    `<soap:Body>${operationXml}</soap:Body></soap:Envelope>`;
  const url = new URL(mock.ewsUrl(opts.server ?? 'ex1'));
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        ca: mock.pki.trustBundlePem,
        lookup: mock.hosts.lookup as never,
        agent: false,
        auth: `${SVC.user}:${SVC.password}`,
        headers: { 'Content-Type': 'text/xml; charset=utf-8' },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => {
          body += c;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(xml);
  });
}
