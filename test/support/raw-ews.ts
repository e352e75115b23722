import { request } from 'node:https';
import { NS } from '../../ews/namespaces.ts';
import type { MockExchange } from '../../mock-exchange/mock-exchange.ts';
import { SVC } from './test-org.ts';

export interface RawResponse {
  status: number;
  contentType: string | undefined;
  body: string;
  headers?: Record<string, string | string[] | undefined>;
}

export interface RawOptions {
  server?: string;
  user?: string;
  password?: string;
}

/** POST a body to a mock server's /EWS/Exchange.asmx over real HTTPS, trusting the lab CA. */
export function postEws(mock: MockExchange, body: string, opts: RawOptions = {}): Promise<RawResponse> {
  const url = new URL(mock.ewsUrl(opts.server ?? 'ex1'));
  const auth = Buffer.from(`${opts.user ?? SVC.user}:${opts.password ?? SVC.password}`).toString('base64');
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
        headers: {
          'Content-Type': 'text/xml; charset=utf-8',
          Authorization: `Basic ${auth}`,
          'Content-Length': Buffer.byteLength(body),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            contentType: res.headers['content-type'],
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

export interface EnvelopeOptions {
  version?: string;
  impersonate?: string;
  /** TimeZoneContext/TimeZoneDefinition@Id, as ews-javascript-api sends it for availability. */
  timeZoneId?: string;
}

/** A SOAP request envelope shaped like ews-javascript-api's, around one operation element (m:/t: prefixes). */
export function soapEnvelope(operation: string, opts: EnvelopeOptions = {}): string {
  const header = [
    `<t:RequestServerVersion Version="${opts.version ?? 'Exchange2013'}"/>`,
    opts.timeZoneId === undefined
      ? ''
      : `<t:TimeZoneContext><t:TimeZoneDefinition Id="${opts.timeZoneId}"/></t:TimeZoneContext>`,
    opts.impersonate === undefined
      ? ''
      : `<t:ExchangeImpersonation><t:ConnectingSID><t:SmtpAddress>${opts.impersonate}</t:SmtpAddress></t:ConnectingSID></t:ExchangeImpersonation>`,
  ].join('');
  return (
    '<?xml version="1.0" encoding="utf-8"?>' +
    `<soap:Envelope xmlns:soap="${NS.soap}" xmlns:xsi="${NS.xsi}" xmlns:m="${NS.m}" xmlns:t="${NS.t}">` +
    `<soap:Header>${header}</soap:Header><soap:Body>${operation}</soap:Body></soap:Envelope>`
  );
}
