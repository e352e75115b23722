import type { EwsError } from './errors.ts';
import { NS } from './namespaces.ts';
import { defaultMessage, type ResponseCode } from './response-codes.ts';
import { SchemaViolation } from './schema-violation.ts';
import { DEFAULT_EXCHANGE_RELEASE, EXCHANGE_RELEASE_FACTS } from './server-versions.ts';
import { el, txt, type XmlChild } from './xml-writer.ts';

export interface ServerVersion {
  MajorVersion: number;
  MinorVersion: number;
  MajorBuildNumber: number;
  MinorBuildNumber: number;
  Version: string;
}

/** The default release's (Exchange 2019) ServerVersionInfo: what a server writes unless told its own. */
export const DEFAULT_SERVER_VERSION: ServerVersion = EXCHANGE_RELEASE_FACTS[DEFAULT_EXCHANGE_RELEASE].serverVersionInfo;

const XML_DECL = '<?xml version="1.0" encoding="utf-8"?>';

/** A full SOAP envelope around one response element, with the ServerVersionInfo header. */
export function envelope(body: string, serverVersion: ServerVersion | null = DEFAULT_SERVER_VERSION): string {
  if (body === '') return writeEnvelope(body, serverVersion);
  const parts = serverVersion ? envelopeParts.get(serverVersion) : undefined;
  if (parts) return parts[0] + body + parts[1];
  const whole = writeEnvelope(BODY_MARK, serverVersion);
  const at = whole.indexOf(BODY_MARK);
  const split: [string, string] = [whole.slice(0, at), whole.slice(at + BODY_MARK.length)];
  if (serverVersion) envelopeParts.set(serverVersion, split);
  return split[0] + body + split[1];
}

// What comes before and after the body for each release's ServerVersionInfo (a handful of constant objects),
// written once: the same el() output as every time, split around a mark no serialized XML can hold.
const envelopeParts = new WeakMap<ServerVersion, [string, string]>();
const BODY_MARK = '\u0000body\u0000';

function writeEnvelope(body: string, serverVersion: ServerVersion | null): string {
  const header = serverVersion
    ? el('s:Header', null, el('h:ServerVersionInfo', { 'xmlns:h': NS.t, ...serverVersion }))
    : '';
  return `${XML_DECL}${el('s:Envelope', { 'xmlns:s': NS.soap }, header, el('s:Body', { 'xmlns:xsi': NS.xsi, 'xmlns:xsd': NS.xsd }, body))}`;
}

/** The MessageXml values (BackOffMilliseconds, SubscriptionId, ...), in types namespace. */
export function messageXmlValues(values: Record<string, string>, tag = 'm:MessageXml'): string {
  const entries = Object.entries(values);
  if (entries.length === 0) return '';
  return el(tag, null, ...entries.map(([name, value]) => txt('t:Value', value, { Name: name })));
}

/** An HTTP 500 SOAP fault exactly as Exchange shapes it (faultcode in types ns, detail in errors ns). */
export function soapFault(
  code: ResponseCode,
  message = defaultMessage(code),
  values: Record<string, string> = {},
): string {
  const detailXml = Object.keys(values).length
    ? el('t:MessageXml', { 'xmlns:t': NS.t }, ...Object.entries(values).map(([n, v]) => txt('t:Value', v, { Name: n })))
    : '';
  return faultEnvelope(code, message, message, detailXml);
}

/** A schema violation's fault: the short message in the detail, where it failed in t:MessageXml. */
function schemaViolationFault(err: SchemaViolation): string {
  return faultEnvelope(
    'ErrorSchemaValidation',
    err.message,
    'The request failed schema validation.',
    el(
      't:MessageXml',
      { 'xmlns:t': NS.t },
      txt('t:LineNumber', err.line),
      txt('t:LinePosition', err.position),
      txt('t:Violation', err.violation),
    ),
  );
}

function faultEnvelope(code: ResponseCode, faultstring: string, message: string, messageXml: XmlChild): string {
  return `${XML_DECL}${el(
    's:Envelope',
    { 'xmlns:s': NS.soap },
    el(
      's:Body',
      null,
      el(
        's:Fault',
        null,
        txt('faultcode', `a:${code}`, { 'xmlns:a': NS.t }),
        txt('faultstring', faultstring, { 'xml:lang': 'en-US' }),
        el(
          'detail',
          null,
          txt('e:ResponseCode', code, { 'xmlns:e': NS.e }),
          txt('e:Message', message, { 'xmlns:e': NS.e }),
          messageXml,
        ),
      ),
    ),
  )}`;
}

export function faultFromError(err: EwsError): string {
  if (err instanceof SchemaViolation) return schemaViolationFault(err);
  return soapFault(err.code, err.message, err.messageXml);
}

/** `<m:XResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode>...` */
export function successMessage(messageName: string, ...children: XmlChild[]): string {
  return el(`m:${messageName}`, { ResponseClass: 'Success' }, txt('m:ResponseCode', 'NoError'), ...children);
}

/** An error ResponseMessage in schema order: MessageText, ResponseCode, DescriptiveLinkKey, MessageXml, extras. */
export function errorMessage(
  messageName: string,
  code: ResponseCode,
  options: { message?: string; values?: Record<string, string>; responseClass?: 'Error' | 'Warning' } = {},
  ...extra: XmlChild[]
): string {
  return el(
    `m:${messageName}`,
    { ResponseClass: options.responseClass ?? 'Error' },
    txt('m:MessageText', options.message ?? defaultMessage(code)),
    txt('m:ResponseCode', code),
    txt('m:DescriptiveLinkKey', 0),
    messageXmlValues(options.values ?? {}),
    ...extra,
  );
}

export function errorMessageFrom(messageName: string, err: EwsError): string {
  return errorMessage(messageName, err.code, { message: err.message, values: err.messageXml });
}

/** `<m:XResponse xmlns:m xmlns:t><m:ResponseMessages>...</m:ResponseMessages></m:XResponse>` */
export function responseMessages(operation: string, ...messages: XmlChild[]): string {
  return el(
    `m:${operation}Response`,
    { 'xmlns:m': NS.m, 'xmlns:t': NS.t },
    el('m:ResponseMessages', null, ...messages),
  );
}
