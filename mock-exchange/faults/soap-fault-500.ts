import { defaultMessage, type ResponseCode } from '../../ews/response-codes.ts';
import { soapFault } from '../../ews/soap-response.ts';
import { EXCHANGE_COMMON, type ExchangeFaultDefinition } from './fault.ts';

type SoapFaultAttributes = { code: string; message?: string };

export const soapFault500: ExchangeFaultDefinition<SoapFaultAttributes> = {
  type: 'soap-fault-500',
  layer: 'exchange',
  summary: 'answers HTTP 500 with a SOAP fault carrying an EWS response code',
  attributes: {
    ...EXCHANGE_COMMON,
    code: { kind: 'response-code', default: 'ErrorInternalServerError', description: 'the EWS ResponseCode' },
    message: { kind: 'text', description: 'the fault string (default: the code’s usual message)' },
  },
  explain: (f) => `Requests get an HTTP 500 SOAP fault ${f.code}${f.message ? ` ("${f.message}")` : ''}.`,
  respond: (f, _ctx, res) => {
    const code = f.code as ResponseCode;
    res
      .status(500)
      .type('text/xml; charset=utf-8')
      .send(soapFault(code, f.message ?? defaultMessage(code)));
  },
};
