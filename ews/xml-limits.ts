import { type EwsError, fault } from './errors.ts';

/** Far deeper than any EWS request nests (restrictions included). */
export const MAX_XML_DEPTH = 256;
/** Far more elements than any EWS request carries; bounds the parser's work on hostile input. */
export const MAX_XML_ELEMENTS = 100_000;

/**
 * Far more namespace declarations than any EWS message makes (Exchange's responses make about eight): each element
 * looks its prefix up among those in scope, so their number bounds the parser's work per element.
 */
export const MAX_XML_NAMESPACE_DECLARATIONS = 64;
/** Far longer than any id, name or date an EWS attribute carries; an attribute longer is refused unparsed. */
export const MAX_XML_ATTRIBUTE_LENGTH = 64 * 1024;
/** Room for a long meeting body; text runs (and CDATA sections) longer are refused unparsed. */
export const MAX_XML_TEXT_LENGTH = 4 * 1024 * 1024;

const LT = 60;
const GT = 62;
const SLASH = 47;
const DQUOTE = 34;
const SQUOTE = 39;

function refused(what: string): EwsError {
  return fault('ErrorSchemaValidation', `The request failed schema validation: ${what}.`);
}

/** Index just past the terminator of a construct starting at i, or a refusal when the document ends first. */
function skipPast(xml: string, i: number, terminator: string, what: string): number {
  const end = xml.indexOf(terminator, i);
  if (end === -1) throw refused(`the document ends inside ${what}`);
  return end + terminator.length;
}

/**
 * A linear scan of the markup before the real parser runs, so hostile input costs microseconds, not seconds:
 * refuses documents nested deeper than MAX_XML_DEPTH, holding more than MAX_XML_ELEMENTS elements, an attribute
 * value over MAX_XML_ATTRIBUTE_LENGTH or a text run over MAX_XML_TEXT_LENGTH (checked as it scans), or ending
 * inside a tag, comment, CDATA section or processing instruction. It skips quoted attribute values,
 * comments, CDATA and PIs as XML does, so it never counts more than the parser would find.
 */
export function checkXmlLimits(xml: string): void {
  let depth = 0;
  let elements = 0;
  for (let i = xml.indexOf('<'); i !== -1 && i < xml.length; ) {
    if (xml.startsWith('<!--', i)) i = skipPast(xml, i + 4, '-->', 'a comment');
    else if (xml.startsWith('<![CDATA[', i)) {
      const start = i;
      i = skipPast(xml, i + 9, ']]>', 'a CDATA section');
      if (i - start > MAX_XML_TEXT_LENGTH)
        throw refused(`a CDATA section is longer than ${MAX_XML_TEXT_LENGTH} characters`);
    } else if (xml.startsWith('<?', i)) i = skipPast(xml, i + 2, '?>', 'a processing instruction');
    else if (xml.startsWith('</', i)) {
      i = skipPast(xml, i + 2, '>', 'an end tag');
      depth--;
    } else {
      let j = i + 1;
      let quote = 0;
      let valueStart = 0;
      for (; j < xml.length; j++) {
        const c = xml.charCodeAt(j);
        if (quote !== 0) {
          if (c === quote) quote = 0;
          else if (j - valueStart > MAX_XML_ATTRIBUTE_LENGTH) {
            throw refused(
              `an attribute value at offset ${valueStart} is longer than ${MAX_XML_ATTRIBUTE_LENGTH} characters`,
            );
          }
        } else if (c === DQUOTE || c === SQUOTE) {
          quote = c;
          valueStart = j;
        } else if (c === GT || c === LT) break;
      }
      if (j >= xml.length) throw refused('the document ends inside a start tag');
      if (xml.charCodeAt(j) === LT) throw refused(`a start tag at offset ${i} is not closed before the next tag`);
      if (++elements > MAX_XML_ELEMENTS) throw refused(`the document has more than ${MAX_XML_ELEMENTS} elements`);
      if (xml.charCodeAt(j - 1) !== SLASH && ++depth > MAX_XML_DEPTH) {
        throw refused(`elements are nested deeper than ${MAX_XML_DEPTH} levels`);
      }
      i = j + 1;
    }
    const next = xml.indexOf('<', i);
    if ((next === -1 ? xml.length : next) - i > MAX_XML_TEXT_LENGTH) {
      throw refused(`a text run at offset ${i} is longer than ${MAX_XML_TEXT_LENGTH} characters`);
    }
    i = next;
  }
}
