import sax from 'sax';
import { EwsError, fault } from './errors.ts';
import { findNonXmlChar } from './xml-chars.ts';
import { XmlElement } from './xml-element.ts';
import { checkXmlLimits, MAX_XML_DEPTH, MAX_XML_NAMESPACE_DECLARATIONS } from './xml-limits.ts';

export type ConnectingIdKind = 'SmtpAddress' | 'PrimarySmtpAddress' | 'PrincipalName' | 'SID';

export interface SoapRequest {
  /** Local name of the first element of soap:Body: the EWS operation. */
  operation: string;
  /** The namespace the Envelope element is in (see XmlElement.namespace); the operation's is `body.namespace`. */
  envelopeNamespace: string | undefined;
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

/** The attributes of every element that has none (frozen: an element's attributes are read, never written). */
const NO_ATTRIBUTES: Record<string, string> = Object.freeze({}) as Record<string, string>;

/**
 * Namespace prefixes in scope, as pairs: prefix ('' for the default namespace), then its namespace. A declaration
 * appends a pair to a copy of its parent's, so the last pair of a prefix is the one in force. A document holds a
 * handful; a scan of them is cheaper than a keyed lookup.
 */
type Bindings = readonly string[];

/** What every document starts with: no default namespace, and `xml` bound as Namespaces in XML binds it. */
const XML_BINDINGS: Bindings = Object.freeze(['', '', 'xml', 'http://www.w3.org/XML/1998/namespace']);

/** The namespace `prefix` is bound to, or undefined when nothing in scope declares it. */
function boundTo(bindings: Bindings, prefix: string): string | undefined {
  for (let i = bindings.length - 2; i >= 0; i -= 2) if (bindings[i] === prefix) return bindings[i + 1];
  return undefined;
}

/**
 * A string that does not share the document's memory. sax hands text over as slices of its input, and V8 keeps
 * a slice's whole parent alive: one kept id or address would pin the whole request or response.
 */
const ownCopy = (s: string): string => (s.length < 13 ? s : ` ${s}`.slice(1));

/**
 * Build the element tree straight from sax events (strict mode): no intermediate object tree, no
 * recursion, and an error for anything after the root element.
 */
function parseDocument(xml: string, position: boolean): XmlElement {
  interface Open {
    name: string;
    attrs: Record<string, string>;
    children: XmlElement[];
    text: string;
    namespace: string | undefined;
    bindings: Bindings;
  }
  const parser = sax.parser(true, { trim: false, normalize: false, xmlns: false, position });
  const stack: Open[] = [];
  let declarations = 0;
  let root: XmlElement | undefined;
  let failure: Error | undefined;
  parser.onerror = (err) => {
    failure ??= err;
    parser.error = null as unknown as Error;
  };
  parser.onopentag = (node) => {
    if (root) {
      failure ??= new Error('more than one root element');
      return;
    }
    if (stack.length >= MAX_XML_DEPTH) {
      failure ??= new Error(`elements are nested deeper than ${MAX_XML_DEPTH} levels`);
      return;
    }
    // for-in over sax's own object: Object.entries would allocate an array of pairs per element. Elements without
    // attributes (most of a request or response) share one empty record.
    let attrs: Record<string, string> = NO_ATTRIBUTES;
    const inherited = stack.length === 0 ? XML_BINDINGS : stack[stack.length - 1]!.bindings;
    let bindings = inherited;
    const given = node.attributes as Record<string, string>;
    for (const k in given) {
      if (k === 'xmlns' || k.startsWith('xmlns:')) {
        if (++declarations > MAX_XML_NAMESPACE_DECLARATIONS) {
          failure ??= new Error(`the document declares more than ${MAX_XML_NAMESPACE_DECLARATIONS} namespaces`);
          continue;
        }
        // Only an element that declares gets its own list; the rest share their parent's.
        if (bindings === inherited) bindings = inherited.slice();
        (bindings as string[]).push(k === 'xmlns' ? '' : k.slice(6), given[k] as string);
        continue;
      }
      if (attrs === NO_ATTRIBUTES) attrs = {};
      attrs[stripPrefix(k)] = given[k] as string;
    }
    const colon = node.name.indexOf(':');
    const name = colon === -1 ? node.name : node.name.slice(colon + 1);
    const namespace = boundTo(bindings, colon === -1 ? '' : node.name.slice(0, colon));
    stack.push({ name, attrs, children: [], text: '', namespace, bindings });
  };
  parser.ontext = (t) => {
    const top = stack[stack.length - 1];
    if (top) top.text += t;
  };
  parser.oncdata = parser.ontext;
  parser.onclosetag = () => {
    const open = stack.pop();
    if (!open) return;
    const el = new XmlElement(open.name, open.attrs, open.children, ownCopy(open.text), open.namespace);
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(el);
    else root = el;
  };
  parser.write(xml).close();
  if (failure) throw failure;
  if (!root) throw new Error('the document is empty');
  return root;
}

/** Parse any XML document into an XmlElement tree. DTDs are refused: nothing is ever expanded or fetched. */
export async function parseXml(xml: string): Promise<XmlElement> {
  return readXml(xml);
}

/** parseXml, synchronously. */
export function readXml(xml: string): XmlElement {
  if (/<!(?:DOCTYPE|ENTITY)/i.test(xml)) {
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
  const text = xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml;
  try {
    // Without line and column counting, a few per cent of sax's work per character; a document that fails is
    // read again with them, so its error says where.
    return parseDocument(text, false);
  } catch {
    // Falls through to the error of the positioned parse below.
  }
  try {
    return parseDocument(text, true);
  } catch (err) {
    const reason = err instanceof Error ? err.message.split('\n').join(' ') : String(err);
    throw fault('ErrorSchemaValidation', `The request failed schema validation: ${reason}`);
  }
}

/** Parse a SOAP 1.1 EWS request; dispatch is on the local name of the first child of soap:Body. */
export async function parseSoapRequest(xml: string): Promise<SoapRequest> {
  return readSoapRequest(xml);
}

/** parseSoapRequest, synchronously. */
export function readSoapRequest(xml: string): SoapRequest {
  const envelope = readXml(xml);
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
    envelopeNamespace: envelope.namespace,
    body,
    header,
    requestServerVersion: header?.child('RequestServerVersion')?.attr('Version'),
    impersonation,
    timeZoneId: header?.at('TimeZoneContext', 'TimeZoneDefinition')?.attr('Id'),
  };
}
