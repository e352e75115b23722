import { NOT_XML_CHAR_PATTERN } from './xml-chars.ts';

/** A minimal XML writer: children stay in the order given, which EWS schema order depends on. */
export type XmlChild = string | false | null | undefined | XmlChild[];
export type XmlAttrs = Record<string, string | number | boolean | undefined | null>;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

// Characters XML cannot carry become U+FFFD: echoing one from a request would make the response unparseable.
const UNSAFE = new RegExp(`[&<>"']|${NOT_XML_CHAR_PATTERN}`, 'g');
// A superset of UNSAFE without lookarounds: most values (ids, dates, flags) contain none and skip the replace.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it looks for
const MAYBE_UNSAFE = /[&<>"'\u0000-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

export function escapeXml(value: string): string {
  if (!MAYBE_UNSAFE.test(value)) return value;
  return value.replace(UNSAFE, (c) => ESCAPES[c] ?? '\uFFFD');
}

function flatten(children: XmlChild[], out: string[]): void {
  for (const c of children) {
    if (Array.isArray(c)) flatten(c, out);
    else if (typeof c === 'string') out.push(c);
  }
}

function attrString(attrs: XmlAttrs | null | undefined): string {
  if (!attrs) return '';
  let s = '';
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null) continue;
    s += ` ${k}="${escapeXml(String(v))}"`;
  }
  return s;
}

/** An element whose children are already-serialized XML (from el/txt). */
export function el(name: string, attrs?: XmlAttrs | null, ...children: XmlChild[]): string {
  const parts: string[] = [];
  flatten(children, parts);
  const open = `<${name}${attrString(attrs)}`;
  return parts.length === 0 ? `${open}/>` : `${open}>${parts.join('')}</${name}>`;
}

/** An element holding escaped text; omitted entirely when value is undefined or null. */
export function txt(name: string, value: string | number | boolean | undefined | null, attrs?: XmlAttrs): string {
  if (value === undefined || value === null) return '';
  return `<${name}${attrString(attrs)}>${escapeXml(String(value))}</${name}>`;
}

/** EWS dateTime: UTC, second precision, with Z. */
export function ewsDateTime(ms: number | Date): string {
  const d = typeof ms === 'number' ? new Date(ms) : ms;
  return `${d.toISOString().slice(0, 19)}Z`;
}
