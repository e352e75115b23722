import { EwsError } from './errors.ts';

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

/**
 * The fault for a soap:Body element that names no operation Exchange's schema declares: .NET's validator says
 * the element "is not declared", at the line and column (1-based) where its name starts. `namespace` is the one the
 * parser found the element in.
 */
export function undeclaredOperation(body: string, operation: string, namespace: string): SchemaViolation {
  const bodyAt = Math.max(0, body.search(/<(?:[\w.-]+:)?Body[\s>]/));
  const tag = new RegExp(`<(?:[\\w.-]+:)?${operation}[\\s/>]`).exec(body.slice(bodyAt));
  const at = tag ? bodyAt + tag.index + 1 : bodyAt;
  const before = body.slice(0, at);
  const line = before.split('\n').length;
  const position = at - before.lastIndexOf('\n');
  return new SchemaViolation(`The '${namespace}:${operation}' element is not declared.`, line, position);
}
