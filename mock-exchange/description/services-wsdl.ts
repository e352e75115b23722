import { NS } from '../../ews/namespaces.ts';
import { el } from '../../ews/xml-writer.ts';
import type { EwsOperation } from '../operation.ts';
import { OPERATION_DESCRIPTIONS } from './operation-descriptions.ts';
import { responseElementName } from './service-schema.ts';

/** Exchange's SOAPAction for an operation (Services.wsdl). */
export const soapAction = (operation: string) => `${NS.m}/${operation}`;

const WSDL = 'http://schemas.xmlsoap.org/wsdl/';
const WSDL_SOAP = 'http://schemas.xmlsoap.org/wsdl/soap/';
const SOAP_HTTP = 'http://schemas.xmlsoap.org/soap/http';

/**
 * Services.wsdl as an Exchange server serves it: one operation per operation of the table, document/literal,
 * the ServerVersionInfo output header, and the ExchangeServices service at this server's own EWS URL.
 */
export function servicesWsdl(operations: Iterable<EwsOperation>, ewsUrl: string): string {
  const ops = [...operations].map((op) => {
    const d = OPERATION_DESCRIPTIONS[op.name];
    if (!d) throw new Error(`service description: no entry for operation ${op.name}`);
    return {
      element: op.name,
      response: responseElementName(op),
      name: d.operation ?? op.name,
      part: d.requestPart ?? 'request',
      action: soapAction(d.soapActionOf ?? d.operation ?? op.name),
    };
  });
  const messages = ops.flatMap((op) => [
    el('wsdl:message', { name: `${op.name}SoapIn` }, el('wsdl:part', { name: op.part, element: `tns:${op.element}` })),
    el(
      'wsdl:message',
      { name: `${op.name}SoapOut` },
      el('wsdl:part', { name: `${op.name}Result`, element: `tns:${op.response}` }),
      el('wsdl:part', { name: 'ServerVersion', element: 't:ServerVersionInfo' }),
    ),
  ]);
  const portType = el(
    'wsdl:portType',
    { name: 'ExchangeServicePortType' },
    ops.map((op) =>
      el(
        'wsdl:operation',
        { name: op.name },
        el('wsdl:input', { message: `tns:${op.name}SoapIn` }),
        el('wsdl:output', { message: `tns:${op.name}SoapOut` }),
      ),
    ),
  );
  const binding = el(
    'wsdl:binding',
    { name: 'ExchangeServiceBinding', type: 'tns:ExchangeServicePortType' },
    el('soap:binding', { transport: SOAP_HTTP, style: 'document' }),
    ops.map((op) =>
      el(
        'wsdl:operation',
        { name: op.name },
        el('soap:operation', { soapAction: op.action }),
        el('wsdl:input', null, el('soap:body', { parts: op.part, use: 'literal' })),
        el(
          'wsdl:output',
          null,
          el('soap:body', { parts: `${op.name}Result`, use: 'literal' }),
          el('soap:header', { message: `tns:${op.name}SoapOut`, part: 'ServerVersion', use: 'literal' }),
        ),
      ),
    ),
  );
  const service = el(
    'wsdl:service',
    { name: 'ExchangeServices' },
    el(
      'wsdl:port',
      { name: 'ExchangeServicePort', binding: 'tns:ExchangeServiceBinding' },
      el('soap:address', { location: ewsUrl }),
    ),
  );
  const types = el(
    'wsdl:types',
    null,
    el('xs:schema', { 'xmlns:xs': NS.xsd }, el('xs:import', { namespace: NS.m, schemaLocation: 'messages.xsd' })),
  );
  const definitions = el(
    'wsdl:definitions',
    {
      'xmlns:wsdl': WSDL,
      'xmlns:soap': WSDL_SOAP,
      'xmlns:tns': NS.m,
      'xmlns:t': NS.t,
      'xmlns:s': NS.xsd,
      targetNamespace: NS.m,
    },
    types,
    messages,
    portType,
    binding,
    service,
  );
  return `<?xml version="1.0" encoding="utf-8"?>\n${definitions}`;
}
