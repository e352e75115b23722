import xml2js from 'xml2js';
import { EwsError, fault } from './errors.ts';
import { findNonXmlChar } from './xml-chars.ts';
import { XmlElement } from './xml-element.ts';
import { checkXmlLimits, MAX_XML_DEPTH } from './xml-limits.ts';

export type ConnectingIdKind = 'SmtpAddress' | 'PrimarySmtpAddress' | 'PrincipalName' | 'SID';

export interface SoapRequest {
  /** Local name of the first element of soap:Body: the EWS operation. */
  operation: string;
  body: XmlElement;
  header: XmlElement | undefined;
  requestServerVersion: string | undefined;
  impersonation: { kind: ConnectingIdKind; value: string } | undefined;
  timeZoneId: string | undefined;
}

const stripPrefix = (name: string): string => {
  const i = name.indexOf(':');
  return i === -1 ? name : name.slice(i + 1);
};

interface RawNode {
  '#name': string;
  $?: Record<string, string>;
  _?: string;
  $$?: RawNode[];
}

function toElement(raw: RawNode, depth = 1): XmlElement {
  // checkXmlLimits refuses deep documents first; this keeps the recursion bounded whatever it missed.
  if (depth > MAX_XML_DEPTH) {
    throw fault(
      'ErrorSchemaValidation',
      `The request failed schema validation: elements are nested deeper than ${MAX_XML_DEPTH} levels.`,
    );
  }
  const attrs: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw.$ ?? {})) {
    if (k === 'xmlns' || k.startsWith('xmlns:')) continue;
    attrs[stripPrefix(k)] = v;
  }
  const children = (raw.$$ ?? []).map((c) => toElement(c, depth + 1));
  return new XmlElement(stripPrefix(raw['#name']), attrs, children, raw._ ?? '');
}

/**
 * xml2js, synchronously, listening to its events rather than its promise: the promise settles at the
 * first root's end, so an error in trailing content (or a second root) would go unnoticed.
 */
function parseDocument(xml: string): Record<string, RawNode> | null {
  const parser = new xml2js.Parser({
    explicitChildren: true,
    preserveChildrenOrder: true,
    explicitRoot: true,
    explicitCharkey: true,
    charsAsChildren: false,
    trim: false,
    strict: true,
    async: false,
  });
  let result: Record<string, RawNode> | null = null;
  let roots = 0;
  let failure: unknown;
  parser.on('end', (r: Record<string, RawNode> | null) => {
    result = r;
    if (r !== null && ++roots > 1) failure ??= new Error('more than one root element');
  });
  parser.on('error', (err: unknown) => {
    failure ??= err;
  });
  try {
    parser.parseString(xml);
  } catch (err) {
    failure ??= err;
  }
  if (failure !== undefined) throw failure;
  return result;
}

/** Parse any XML document into an XmlElement tree. DTDs are refused: nothing is ever expanded or fetched. */
export async function parseXml(xml: string): Promise<XmlElement> {
  if (/<!DOCTYPE/i.test(xml) || /<!ENTITY/i.test(xml)) {
    throw fault(
      'ErrorSchemaValidation',
      'The request failed schema validation: DTD is prohibited in this XML document.',
    );
  }
  const bad = findNonXmlChar(xml);
  if (bad) {
    throw fault(
      'ErrorSchemaValidation',
      `The request failed schema validation: character ${bad.codePoint} at offset ${bad.index} is not allowed in XML.`,
    );
  }
  checkXmlLimits(xml);
  let parsed: Record<string, RawNode> | null;
  try {
    parsed = parseDocument(xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml);
  } catch (err) {
    const reason = err instanceof Error ? err.message.split('\n').join(' ') : String(err);
    throw fault('ErrorSchemaValidation', `The request failed schema validation: ${reason}`);
  }
  const rootName = parsed ? Object.keys(parsed)[0] : undefined;
  const root = rootName && parsed ? parsed[rootName] : undefined;
  if (!rootName || !root || typeof root !== 'object') {
    throw fault('ErrorSchemaValidation', 'The request failed schema validation: the document is empty.');
  }
  return toElement({ ...root, '#name': rootName });
}

/** Parse a SOAP 1.1 EWS request; dispatch is on the local name of the first child of soap:Body. */
export async function parseSoapRequest(xml: string): Promise<SoapRequest> {
  const envelope = await parseXml(xml);
  if (envelope.name !== 'Envelope') {
    throw fault(
      'ErrorSchemaValidation',
      `The request failed schema validation: expected a SOAP Envelope, found <${envelope.name}>.`,
    );
  }
  const bodyEl = envelope.child('Body');
  const body = bodyEl?.children[0];
  if (!bodyEl || !body) {
    throw fault('ErrorSchemaValidation', 'The request failed schema validation: the SOAP Body is missing or empty.');
  }
  const header = envelope.child('Header');
  const connecting = header?.at('ExchangeImpersonation', 'ConnectingSID');
  let impersonation: SoapRequest['impersonation'];
  if (connecting) {
    const id = connecting.children.find((c) =>
      ['SmtpAddress', 'PrimarySmtpAddress', 'PrincipalName', 'SID'].includes(c.name),
    );
    if (!id || id.text.trim() === '') {
      throw new EwsError('ErrorSchemaValidation', {
        level: 'fault',
        message: 'The request failed schema validation: ExchangeImpersonation/ConnectingSID has no SmtpAddress.',
      });
    }
    impersonation = { kind: id.name as ConnectingIdKind, value: id.text.trim() };
  }
  return {
    operation: body.name,
    body,
    header,
    requestServerVersion: header?.child('RequestServerVersion')?.attr('Version'),
    impersonation,
    timeZoneId: header?.at('TimeZoneContext', 'TimeZoneDefinition')?.attr('Id'),
  };
}
