/**
 * Characters the XML 1.0 Char production excludes: C0 controls other than tab, LF and CR, lone surrogates,
 * U+FFFE and U+FFFF. They may not appear anywhere in a document, not even in CDATA or comments.
 */
export const NOT_XML_CHAR_PATTERN =
  '[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\uFFFE\\uFFFF]|[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]';

const NOT_XML_CHAR = new RegExp(NOT_XML_CHAR_PATTERN);

/** The first character XML cannot carry, or undefined when there is none. */
export function findNonXmlChar(text: string): { index: number; codePoint: string } | undefined {
  const m = NOT_XML_CHAR.exec(text);
  if (!m) return undefined;
  return { index: m.index, codePoint: `U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}` };
}
