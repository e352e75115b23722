import { fault } from './errors.ts';
import { NS } from './namespaces.ts';
import { undeclaredOperation } from './schema-violation.ts';

/** The SOAP 1.2 envelope namespace (W3C); Exchange's EWS speaks SOAP 1.1 only. */
export const SOAP12_ENVELOPE = 'http://www.w3.org/2003/05/soap-envelope';

/** The namespace an element's prefix (or the default namespace) is bound to, from the first declaration in the text. */
function namespaceOf(xml: string, local: string, from = 0): string | undefined {
  const find = new RegExp(`<(?:([\\w.-]+):)?${local}[\\s/>]`, 'g');
  find.lastIndex = from;
  const tag = find.exec(xml);
  if (!tag) return undefined;
  const prefix = tag[1];
  const declared = new RegExp(prefix ? `xmlns:${prefix}\\s*=\\s*["']([^"']*)["']` : `xmlns\\s*=\\s*["']([^"']*)["']`);
  return declared.exec(xml)?.[1] ?? '';
}

/**
 * Exchange validates the envelope against SOAP 1.1 and the operation against its messages schema: an Envelope
 * in another namespace (SOAP 1.2 included) or an operation element outside the messages namespace fails there.
 */
export function checkNamespaces(xml: string, operation: string): void {
  const envelope = namespaceOf(xml, 'Envelope');
  if (envelope !== undefined && envelope !== NS.soap) {
    throw fault(
      'ErrorSchemaValidation',
      `The request failed schema validation: the Envelope is in the namespace '${envelope}', not the SOAP 1.1 namespace '${NS.soap}'.`,
    );
  }
  const bodyAt = Math.max(0, xml.search(/<(?:[\w.-]+:)?Body[\s>]/));
  const opNs = namespaceOf(xml, operation, bodyAt);
  if (opNs !== undefined && opNs !== NS.m) throw undeclaredOperation(xml, operation);
}
