import { envelope, errorMessage, responseMessages, soapFault } from '../../ews/soap-response.ts';
import { EXCHANGE_COMMON, type ExchangeFaultDefinition } from './fault.ts';

type ServerBusyAttributes = { backOffMilliseconds: number; as: 'fault' | 'message' };

const MESSAGE = 'The server cannot service this request right now. Try again later.';

/** Exchange throttling: ErrorServerBusy with the BackOffMilliseconds the client must wait. */
export const serverBusy: ExchangeFaultDefinition<ServerBusyAttributes> = {
  type: 'server-busy',
  layer: 'exchange',
  summary: 'ErrorServerBusy with BackOffMilliseconds, as an HTTP 500 fault or a 200 error ResponseMessage',
  attributes: {
    ...EXCHANGE_COMMON,
    backOffMilliseconds: { kind: 'ms', default: 30_000, description: 'the BackOffMilliseconds value sent' },
    as: {
      kind: 'enum',
      values: ['fault', 'message'],
      default: 'fault',
      description: 'fault = HTTP 500 SOAP fault; message = HTTP 200 with ResponseClass="Error"',
    },
  },
  explain: (f) =>
    `Requests are throttled: ErrorServerBusy with BackOffMilliseconds ${f.backOffMilliseconds}, sent as ` +
    `${f.as === 'fault' ? 'an HTTP 500 SOAP fault' : 'an HTTP 200 error ResponseMessage'}.`,
  respond: (f, ctx, res) => {
    const values = { BackOffMilliseconds: String(f.backOffMilliseconds) };
    const op = ctx.request.operation;
    const body =
      f.as === 'fault'
        ? soapFault('ErrorServerBusy', MESSAGE, values)
        : envelope(
            responseMessages(op, errorMessage(`${op}ResponseMessage`, 'ErrorServerBusy', { message: MESSAGE, values })),
          );
    res
      .status(f.as === 'fault' ? 500 : 200)
      .type('text/xml; charset=utf-8')
      .send(body);
  },
};
