import { fault } from './errors.ts';
import { NS } from './namespaces.ts';
import { undeclaredOperation } from './schema-violation.ts';
import type { SoapRequest } from './soap-request.ts';

/** The SOAP 1.2 envelope namespace (W3C); Exchange's EWS speaks SOAP 1.1 only. */
export const SOAP12_ENVELOPE = 'http://www.w3.org/2003/05/soap-envelope';

/**
 * Exchange validates the envelope against SOAP 1.1 and the operation against its messages schema: an Envelope
 * in another namespace (SOAP 1.2 included) or an operation element outside the messages namespace fails there.
 * The namespaces are those the parser resolved, declaration scopes and default namespaces included.
 */
export function checkNamespaces(request: SoapRequest, xml: string): void {
  const envelope = request.envelopeNamespace;
  if (envelope === undefined) {
    throw fault(
      'ErrorSchemaValidation',
      'The request failed schema validation: the prefix of the Envelope element is not declared.',
    );
  }
  if (envelope !== NS.soap) {
    throw fault(
      'ErrorSchemaValidation',
      `The request failed schema validation: the Envelope is in the namespace '${envelope}', not the SOAP 1.1 namespace '${NS.soap}'.`,
    );
  }
  if (request.body.namespace !== NS.m) throw undeclaredOperation(xml, request.operation, request.body.namespace ?? '');
}
