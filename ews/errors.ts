import { defaultMessage, type ResponseCode } from './response-codes.ts';

/**
 * An EWS error as the wire carries it. `fault` errors are sent as HTTP 500 SOAP faults (header-level
 * problems); `message` errors become a ResponseMessage with ResponseClass="Error" in a 200 reply.
 */
export class EwsError extends Error {
  readonly code: ResponseCode;
  readonly level: 'fault' | 'message';
  readonly messageXml: Record<string, string>;
  readonly httpStatus: number;

  constructor(
    code: ResponseCode,
    options: {
      message?: string;
      level?: 'fault' | 'message';
      messageXml?: Record<string, string>;
      httpStatus?: number;
    } = {},
  ) {
    super(options.message ?? defaultMessage(code));
    this.name = 'EwsError';
    this.code = code;
    this.level = options.level ?? 'message';
    this.messageXml = options.messageXml ?? {};
    this.httpStatus = options.httpStatus ?? (this.level === 'fault' ? 500 : 200);
  }
}

/** Shorthand for a header-level error sent as an HTTP 500 SOAP fault. */
export function fault(code: ResponseCode, message?: string, messageXml?: Record<string, string>): EwsError {
  return new EwsError(code, { level: 'fault', message, messageXml });
}
