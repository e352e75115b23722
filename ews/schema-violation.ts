import { EwsError } from './errors.ts';
import { NS } from './namespaces.ts';
import { el, txt } from './xml-writer.ts';

const XML_DECL = '<?xml version="1.0" encoding="utf-8"?>';

/**
 * A request that fails Exchange's schema validation, with where it failed: answered as an HTTP 500 fault whose
 * detail carries the short message and, in t:MessageXml, LineNumber, LinePosition and the Violation.
 */
export class SchemaViolation extends EwsError {
  constructor(
    readonly violation: string,
    readonly line: number,
    readonly position: number,
  ) {
    super('ErrorSchemaValidation', { level: 'fault', message: `The request failed schema validation: ${violation}` });
  }
}

/** The fault exactly as Exchange sends it (faultcode in the types namespace, MessageXml in types). */
export function schemaViolationFault(err: SchemaViolation): string {
  return `${XML_DECL}${el(
    's:Envelope',
    { 'xmlns:s': NS.soap },
    el(
      's:Body',
      null,
      el(
        's:Fault',
        null,
        txt('faultcode', 'a:ErrorSchemaValidation', { 'xmlns:a': NS.t }),
        txt('faultstring', err.message, { 'xml:lang': 'en-US' }),
        el(
          'detail',
          null,
          txt('e:ResponseCode', 'ErrorSchemaValidation', { 'xmlns:e': NS.e }),
          txt('e:Message', 'The request failed schema validation.', { 'xmlns:e': NS.e }),
          el(
            't:MessageXml',
            { 'xmlns:t': NS.t },
            txt('t:LineNumber', err.line),
            txt('t:LinePosition', err.position),
            txt('t:Violation', err.violation),
          ),
        ),
      ),
    ),
  )}`;
}

/**
 * The fault for a soap:Body element that names no operation Exchange's schema declares: .NET's validator says
 * the element "is not declared", at the line and column (1-based) where its name starts.
 */
export function undeclaredOperation(body: string, operation: string): SchemaViolation {
  const bodyAt = Math.max(0, body.search(/<(?:[\w.-]+:)?Body[\s>]/));
  const tag = new RegExp(`<(?:([\\w.-]+):)?${operation}[\\s/>]`).exec(body.slice(bodyAt));
  const at = tag ? bodyAt + tag.index + 1 : bodyAt;
  const prefix = tag?.[1];
  const declared = new RegExp(prefix ? `xmlns:${prefix}\\s*=\\s*["']([^"']*)["']` : `xmlns\\s*=\\s*["']([^"']*)["']`);
  const namespace = declared.exec(body)?.[1] ?? '';
  const before = body.slice(0, at);
  const line = before.split('\n').length;
  const position = at - before.lastIndexOf('\n');
  return new SchemaViolation(`The '${namespace}:${operation}' element is not declared.`, line, position);
}
