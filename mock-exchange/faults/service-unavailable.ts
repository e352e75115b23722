import { EXCHANGE_COMMON, type ExchangeFaultDefinition } from './fault.ts';

type ServiceUnavailableAttributes = { retryAfterSeconds?: number };

const BODY =
  '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01//EN""http://www.w3.org/TR/html4/strict.dtd">\r\n' +
  '<HTML><HEAD><TITLE>Service Unavailable</TITLE>\r\n' +
  '<META HTTP-EQUIV="Content-Type" Content="text/html; charset=us-ascii"></HEAD>\r\n' +
  '<BODY><h2>Service Unavailable</h2>\r\n<hr><p>HTTP Error 503. The service is unavailable.</p>\r\n</BODY></HTML>\r\n';

/** The EWS application pool is stopped: HTTP.sys answers 503 itself. */
export const serviceUnavailable: ExchangeFaultDefinition<ServiceUnavailableAttributes> = {
  type: 'service-unavailable',
  layer: 'exchange',
  summary: 'HTTP 503 Service Unavailable (the EWS application pool is stopped)',
  attributes: {
    ...EXCHANGE_COMMON,
    retryAfterSeconds: { kind: 'seconds', description: 'adds a Retry-After header with this many seconds' },
  },
  explain: (f) =>
    `Requests get HTTP 503 Service Unavailable${f.retryAfterSeconds === undefined ? '' : ` with Retry-After ${f.retryAfterSeconds}`}.`,
  respond: (f, _ctx, res) => {
    if (f.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(f.retryAfterSeconds));
    res.status(503).type('text/html; charset=us-ascii').send(BODY);
  },
};
