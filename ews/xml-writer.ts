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

/** `children` appended to `s`, nested arrays in order; `has` says whether any string (even '') was among them. */
function appendChildren(children: XmlChild[], acc: { s: string; has: boolean }): void {
  for (const c of children) {
    if (typeof c === 'string') {
      acc.s += c;
      acc.has = true;
    } else if (Array.isArray(c)) appendChildren(c, acc);
  }
}

/** Children as el() writes them between its tags: nested arrays in order, false, null and undefined left out. */
export function childrenXml(child: XmlChild): string {
  if (typeof child === 'string') return child;
  if (!Array.isArray(child)) return '';
  const acc = { s: '', has: false };
  appendChildren(child, acc);
  return acc.s;
}

function attrString(attrs: XmlAttrs | null | undefined): string {
  if (!attrs) return '';
  let s = '';
  // for-in over the literal's own keys: Object.entries allocates an array of pairs per element.
  for (const k in attrs) {
    const v = attrs[k];
    if (v === undefined || v === null) continue;
    s += ` ${k}="${typeof v === 'string' ? escapeXml(v) : String(v)}"`;
  }
  return s;
}

/** An element whose children are already-serialized XML (from el/txt). */
export function el(name: string, attrs?: XmlAttrs | null, ...children: XmlChild[]): string {
  const acc = { s: '', has: false };
  appendChildren(children, acc);
  const open = `<${name}${attrString(attrs)}`;
  // An element given only empty strings is still written open and closed, as the array join wrote it.
  return acc.has ? `${open}>${acc.s}</${name}>` : `${open}/>`;
}

/** `<name>` and `</name>` of each element name written without attributes, made once (a reply repeats a few dozen). */
const TAGS = new Map<string, { open: string; close: string }>();

function tagsOf(name: string): { open: string; close: string } {
  let tags = TAGS.get(name);
  if (tags === undefined) {
    tags = { open: `<${name}>`, close: `</${name}>` };
    // Names come from the writers' own code, never from a request; the bound only keeps a mistake from growing it.
    if (TAGS.size < 4096) TAGS.set(name, tags);
  }
  return tags;
}

/** An element holding escaped text; omitted entirely when value is undefined or null. */
export function txt(name: string, value: string | number | boolean | undefined | null, attrs?: XmlAttrs): string {
  if (value === undefined || value === null) return '';
  // A number or a boolean is written in characters that never need escaping.
  const text = typeof value === 'string' ? escapeXml(value) : String(value);
  if (attrs) return `<${name}${attrString(attrs)}>${text}</${name}>`;
  const tags = tagsOf(name);
  return tags.open + text + tags.close;
}

/** An element holding an EWS dateTime (see ewsDateTime): digits and separators, written without the escape scan. */
export function dateTimeTxt(name: string, ms: number | Date): string {
  const tags = tagsOf(name);
  return tags.open + ewsDateTime(ms) + tags.close;
}

const TWO_DIGITS = Array.from({ length: 100 }, (_, i) => (i < 10 ? `0${i}` : `${i}`));
/** 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999Z: the instants toISOString writes with a four-digit year. */
const FOUR_DIGIT_YEARS = [-62_135_596_800_000, 253_402_300_799_999] as const;

/**
 * The last dateTime written for each of 256 slots of seconds: an item's created and modified times and its start
 * and end come back in every reply that lists it. A slot holds one second and its text; a miss writes it anew.
 */
const DATE_TIME_SECONDS = new Float64Array(256).fill(Number.NaN);
const DATE_TIME_TEXT: string[] = new Array(256).fill('');

/** EWS dateTime: UTC, second precision, with Z. */
export function ewsDateTime(ms: number | Date): string {
  const t = typeof ms === 'number' ? ms : ms.getTime();
  // Outside four-digit years (and NaN, which throws) toISOString decides; inside, integer arithmetic is 3x faster.
  if (!(t >= FOUR_DIGIT_YEARS[0] && t <= FOUR_DIGIT_YEARS[1])) {
    const d = typeof ms === 'number' ? new Date(ms) : ms;
    return `${d.toISOString().slice(0, 19)}Z`;
  }
  const secs = Math.floor(t / 1000);
  const slot = secs & 255;
  if (DATE_TIME_SECONDS[slot] === secs) return DATE_TIME_TEXT[slot]!;
  const text = writeDateTime(secs);
  DATE_TIME_SECONDS[slot] = secs;
  DATE_TIME_TEXT[slot] = text;
  return text;
}

/** `secs` (a four-digit year) as yyyy-mm-ddThh:mm:ssZ. */
function writeDateTime(secs: number): string {
  const days = Math.floor(secs / 86_400);
  let rem = secs - days * 86_400;
  const hh = Math.floor(rem / 3600);
  rem -= hh * 3600;
  const mi = Math.floor(rem / 60);
  // Days to a proleptic Gregorian date (H. Hinnant's civil_from_days), eras of 400 years from 0000-03-01.
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const dd = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const mm = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (mm <= 2 ? 1 : 0);
  const D = TWO_DIGITS;
  return `${D[Math.floor(y / 100)]}${D[y % 100]}-${D[mm]}-${D[dd]}T${D[hh]}:${D[mi]}:${D[rem - mi * 60]}Z`;
}
