import { XmlElement } from './xml-element.ts';
import { MAX_XML_DEPTH } from './xml-limits.ts';

/**
 * A one-pass reader for the plain XML that EWS clients send (elements, quoted attributes, text with the five
 * named entities, comments, CDATA, a leading XML declaration). It gives the tree sax gives for such a document,
 * or undefined for anything else (numeric or HTML entities, an error of any kind, unusual spacing), which the
 * caller then hands to sax, so every refusal and every error message stays sax's. sax reads one character at a
 * time through a state machine; this reads by indexOf and one sticky regex per name, 5 to 10 times faster.
 */

// ASCII names only, at most one prefix: anything else (non-ASCII names, a leading colon) is left to sax.
const NAME = /[A-Za-z_][A-Za-z0-9_.-]*(?::[A-Za-z_][A-Za-z0-9_.-]*)?/y;
const NAMED_ENTITIES: ReadonlyMap<string, string> = new Map([
  ['amp', '&'],
  ['lt', '<'],
  ['gt', '>'],
  ['quot', '"'],
  ['apos', "'"],
]);

/** A string that does not share the document's memory (see soap-request.ts): slices of 13 or more characters do. */
export const ownCopy = (s: string): string => (s.length < 13 ? s : ` ${s}`.slice(1));

const stripPrefix = (name: string): string => {
  const i = name.indexOf(':');
  return i === -1 ? name : name.slice(i + 1);
};

const isSpace = (c: number) => c === 32 || c === 10 || c === 9 || c === 13;

interface Open {
  qname: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

/** xml[from, to) with the five named entities decoded; undefined for any other `&` (or a `<`, in an attribute). */
function decoded(xml: string, from: number, to: number, attribute: boolean): string | undefined {
  const raw = xml.slice(from, to);
  if (attribute && raw.includes('<')) return undefined;
  let amp = raw.indexOf('&');
  if (amp === -1) return raw;
  let out = '';
  let at = 0;
  while (amp !== -1) {
    const semi = raw.indexOf(';', amp + 1);
    const value = semi === -1 ? undefined : NAMED_ENTITIES.get(raw.slice(amp + 1, semi));
    if (value === undefined) return undefined;
    out += raw.slice(at, amp) + value;
    at = semi + 1;
    amp = raw.indexOf('&', at);
  }
  return out + raw.slice(at);
}

function nameAt(xml: string, at: number): string | undefined {
  NAME.lastIndex = at;
  return NAME.exec(xml)?.[0];
}

function skipSpace(xml: string, at: number): number {
  while (isSpace(xml.charCodeAt(at))) at++;
  return at;
}

/** The start tag at `lt`: its element (pushed, or closed into its parent when empty) and the index after it. */
function startTag(xml: string, lt: number, stack: Open[]): { end: number; closed: boolean } | undefined {
  const qname = nameAt(xml, lt + 1);
  if (qname === undefined) return undefined;
  const attrs: Record<string, string> = {};
  const seen: string[] = [];
  let j = lt + 1 + qname.length;
  for (;;) {
    const before = j;
    j = skipSpace(xml, j);
    const c = xml.charCodeAt(j);
    if (c === 62) {
      stack.push({ qname, attrs, children: [], text: '' });
      return { end: j + 1, closed: false };
    }
    if (c === 47) {
      if (xml.charCodeAt(j + 1) !== 62) return undefined;
      stack.push({ qname, attrs, children: [], text: '' });
      return { end: j + 2, closed: true };
    }
    // sax refuses an attribute that does not follow white space.
    if (j === before) return undefined;
    const name = nameAt(xml, j);
    if (name === undefined || seen.includes(name)) return undefined;
    seen.push(name);
    j = skipSpace(xml, j + name.length);
    if (xml.charCodeAt(j) !== 61) return undefined;
    j = skipSpace(xml, j + 1);
    const quote = xml.charCodeAt(j);
    if (quote !== 34 && quote !== 39) return undefined;
    const close = xml.indexOf(quote === 34 ? '"' : "'", j + 1);
    if (close === -1) return undefined;
    const value = decoded(xml, j + 1, close, true);
    if (value === undefined) return undefined;
    if (name !== 'xmlns' && !name.startsWith('xmlns:')) attrs[ownCopy(stripPrefix(name))] = ownCopy(value);
    j = close + 1;
  }
}

function closeTop(stack: Open[]): XmlElement {
  const open = stack.pop() as Open;
  const el = new XmlElement(ownCopy(stripPrefix(open.qname)), open.attrs, open.children, ownCopy(open.text));
  stack[stack.length - 1]?.children.push(el);
  return el;
}

/** The document's tree as sax would build it, or undefined when the document is not plain enough to be sure. */
export function parseSimpleXml(xml: string): XmlElement | undefined {
  const stack: Open[] = [];
  let root: XmlElement | undefined;
  let i = 0;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const textEnd = lt === -1 ? xml.length : lt;
    if (textEnd > i) {
      const top = stack[stack.length - 1];
      if (top) {
        const text = decoded(xml, i, textEnd, false);
        if (text === undefined) return undefined;
        top.text += text;
      } else if (skipSpace(xml, i) < textEnd) return undefined;
    }
    if (lt === -1) break;
    const c = xml.charCodeAt(lt + 1);
    if (c === 47) {
      const qname = nameAt(xml, lt + 2);
      const end = qname === undefined ? -1 : lt + 2 + qname.length;
      if (end === -1 || xml.charCodeAt(end) !== 62 || stack[stack.length - 1]?.qname !== qname) return undefined;
      const el = closeTop(stack);
      if (stack.length === 0) root = el;
      i = end + 1;
    } else if (xml.startsWith('<!--', lt)) {
      const end = xml.indexOf('-->', lt + 4);
      // sax refuses `--` inside a comment.
      if (end === -1 || xml.indexOf('--', lt + 4) < end) return undefined;
      i = end + 3;
    } else if (xml.startsWith('<![CDATA[', lt)) {
      const end = xml.indexOf(']]>', lt + 9);
      const top = stack[stack.length - 1];
      if (end === -1 || !top) return undefined;
      top.text += xml.slice(lt + 9, end);
      i = end + 3;
    } else if (c === 63 && lt === 0 && xml.startsWith('<?xml ')) {
      const end = xml.indexOf('?>', 2);
      if (end === -1) return undefined;
      i = end + 2;
    } else {
      if (root || stack.length >= MAX_XML_DEPTH) return undefined;
      const tag = startTag(xml, lt, stack);
      if (!tag) return undefined;
      if (tag.closed) {
        const el = closeTop(stack);
        if (stack.length === 0) root = el;
      }
      i = tag.end;
    }
  }
  return stack.length === 0 ? root : undefined;
}
