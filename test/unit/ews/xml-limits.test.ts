import { describe, expect, it } from 'vitest';
import { EwsError } from '../../../ews/errors.ts';
import { parseXml } from '../../../ews/soap-request.ts';
import { checkXmlLimits, MAX_XML_DEPTH, MAX_XML_ELEMENTS } from '../../../ews/xml-limits.ts';

function refusal(xml: string): string {
  try {
    checkXmlLimits(xml);
  } catch (err) {
    expect(err).toBeInstanceOf(EwsError);
    expect((err as EwsError).code).toBe('ErrorSchemaValidation');
    expect((err as EwsError).level).toBe('fault');
    return (err as EwsError).message;
  }
  throw new Error('expected checkXmlLimits to refuse');
}

const nest = (n: number, inner = '') => `${'<a>'.repeat(n)}${inner}${'</a>'.repeat(n)}`;

describe('checkXmlLimits', () => {
  it('accepts exactly MAX_XML_DEPTH levels and refuses one more', () => {
    expect(() => checkXmlLimits(nest(MAX_XML_DEPTH))).not.toThrow();
    expect(refusal(nest(MAX_XML_DEPTH + 1))).toBe(
      `The request failed schema validation: elements are nested deeper than ${MAX_XML_DEPTH} levels.`,
    );
  });

  it('counts depth, not elements: siblings and self-closed elements do not nest', () => {
    const wide = `<r>${'<a><b/></a>'.repeat(10_000)}</r>`;
    expect(() => checkXmlLimits(wide)).not.toThrow();
    expect(() => checkXmlLimits(nest(MAX_XML_DEPTH - 1, '<x/><y/>'))).not.toThrow();
  });

  it('refuses more than MAX_XML_ELEMENTS elements, flat or nested', () => {
    expect(() => checkXmlLimits(`<r>${'<a/>'.repeat(MAX_XML_ELEMENTS - 1)}</r>`)).not.toThrow();
    expect(refusal(`<r>${'<a/>'.repeat(MAX_XML_ELEMENTS)}</r>`)).toContain(`more than ${MAX_XML_ELEMENTS} elements`);
  });

  it('does not count markup inside comments, CDATA, processing instructions or attribute values', () => {
    const hidden = '<a><b><c>'.repeat(MAX_XML_DEPTH);
    const doc =
      `<?xml version="1.0"?><r t='${hidden}' u="a>b/">` +
      `<!--${hidden}--><![CDATA[${hidden}]]><?pi ${hidden}?>${nest(MAX_XML_DEPTH - 1)}</r>`;
    expect(() => checkXmlLimits(doc)).not.toThrow();
  });

  it('never refuses what the parser accepts: a quoted ">" or "/>" inside a start tag', async () => {
    const doc = `<r a="x>y" b='/>'>${nest(MAX_XML_DEPTH - 1)}</r>`;
    expect(() => checkXmlLimits(doc)).not.toThrow();
    expect((await parseXml(doc)).attr('b')).toBe('/>');
  });

  it.each([
    ['a start tag', '<r><a b="never closed', 'the document ends inside a start tag'],
    ['an end tag', '<r></r', 'the document ends inside an end tag'],
    ['a comment', '<r><!-- open', 'the document ends inside a comment'],
    ['a CDATA section', '<r><![CDATA[ open', 'the document ends inside a CDATA section'],
    ['a processing instruction', '<?xml version="1.0"', 'the document ends inside a processing instruction'],
  ])('refuses a document ending inside %s without handing it to the parser', (_name, xml, message) => {
    expect(refusal(xml)).toContain(message);
  });

  it('refuses a start tag interrupted by another tag, naming its offset', () => {
    expect(refusal('<r><a b="1" <c/></r>')).toContain('a start tag at offset 3 is not closed before the next tag');
  });

  it('lets the parser judge everything else (text, stray close tags)', () => {
    expect(() => checkXmlLimits('just text')).not.toThrow();
    expect(() => checkXmlLimits('</a></b><c>')).not.toThrow();
    expect(() => checkXmlLimits('')).not.toThrow();
  });
});

describe('checkXmlLimits: attribute and text lengths, checked while scanning', () => {
  it('accepts a 65,536-character attribute value and refuses 65,537 (and a 9 MB one) before any parsing', () => {
    expect(() => checkXmlLimits(`<r a="${'x'.repeat(65_536)}"/>`)).not.toThrow();
    expect(refusal(`<r a="${'x'.repeat(65_537)}"/>`)).toBe(
      'The request failed schema validation: an attribute value at offset 5 is longer than 65536 characters.',
    );
    expect(refusal(`<r a='${'x'.repeat(9 * 1024 * 1024)}'/>`)).toContain('longer than 65536 characters');
  });

  it('accepts a 4 MiB text run and refuses one character more, in text and in CDATA', () => {
    const four = 4 * 1024 * 1024;
    expect(() => checkXmlLimits(`<r>${'x'.repeat(four)}</r>`)).not.toThrow();
    expect(refusal(`<r>${'x'.repeat(four + 1)}</r>`)).toBe(
      `The request failed schema validation: a text run at offset 3 is longer than ${four} characters.`,
    );
    expect(refusal(`<r><![CDATA[${'x'.repeat(four)}]]></r>`)).toContain('a CDATA section is longer than');
  });
});
