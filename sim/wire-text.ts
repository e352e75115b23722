/** How many characters of a value from the wire reach a log line, unless a caller asks for another bound. */
export const WIRE_TEXT_LIMIT = 256;

// C0 and C1 controls, DEL, and the Unicode line and paragraph separators: each can forge or hide a log line.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
// The same class without the global flag: a test with it keeps lastIndex between calls.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const HAS_UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/**
 * A value from the wire made safe for a log line, the journal or a terminal: at most `max` characters
 * (the rest counted, never kept) and every control or escape character written as \xHH or \uHHHH.
 */
export function wireText(value: unknown, max = WIRE_TEXT_LIMIT): string {
  const text = typeof value === 'string' ? value : String(value);
  // Most values (names, operations, addresses) are short and clean: returned as they are, nothing allocated.
  if (text.length <= max && !HAS_UNSAFE.test(text)) return text;
  let cut = text.length > max ? text.slice(0, max) : text;
  // Never leave half a surrogate pair at the cut.
  if (cut.length && cut.length < text.length && /[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1);
  const escaped = cut.replace(UNSAFE, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
  return cut.length < text.length ? `${escaped}…[${text.length - cut.length} more characters]` : escaped;
}

/** A journal entry's data made safe the same way: strings bounded, nesting and key counts capped. */
export function wireData(value: unknown, max = WIRE_TEXT_LIMIT, depth = 0): unknown {
  if (typeof value === 'string') return wireText(value, max);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= 4) return '[nested]';
  const MAX_KEYS = 64;
  if (Array.isArray(value)) {
    const items = value.slice(0, MAX_KEYS).map((v) => wireData(v, max, depth + 1));
    if (value.length > MAX_KEYS) items.push(`[${value.length - MAX_KEYS} more items]`);
    return items;
  }
  const out: Record<string, unknown> = {};
  const keys = Object.keys(value);
  for (const k of keys.slice(0, MAX_KEYS))
    out[wireText(k, 64)] = wireData((value as Record<string, unknown>)[k], max, depth + 1);
  if (keys.length > MAX_KEYS) out['…'] = `${keys.length - MAX_KEYS} more keys`;
  return out;
}
