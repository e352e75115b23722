import { describe, expect, it } from 'vitest';
import { NS } from '../../../ews/namespaces.ts';
import { parseDocument } from '../../../ews/soap-request.ts';
import type { XmlElement } from '../../../ews/xml-element.ts';
import { parseSimpleXml } from '../../../ews/xml-fast-parse.ts';

interface Plain {
  name: string;
  attrs: Record<string, string>;
  text: string;
  children: Plain[];
}
const plain = (e: XmlElement): Plain => ({
  name: e.name,
  attrs: { ...e.attrs },
  text: e.text,
  children: e.children.map(plain),
});

/** sax's reading of a document: its tree, or that it refused it. */
function saxReading(xml: string): Plain | 'refused' {
  try {
    return plain(parseDocument(xml));
  } catch {
    return 'refused';
  }
}

const FIND_ITEM =
  `<?xml version="1.0" encoding="utf-8"?>\n<soap:Envelope xmlns:soap="${NS.soap}" xmlns:m="${NS.m}" xmlns:t="${NS.t}">` +
  '<soap:Header><t:RequestServerVersion Version="Exchange2013"/>' +
  '<t:ExchangeImpersonation><t:ConnectingSID><t:SmtpAddress>alice@example.test</t:SmtpAddress></t:ConnectingSID></t:ExchangeImpersonation>' +
  '</soap:Header><soap:Body><m:FindItem Traversal="Shallow"><m:ItemShape><t:BaseShape>AllProperties</t:BaseShape></m:ItemShape>' +
  '<m:CalendarView MaxEntriesReturned="50" StartDate="2030-05-06T00:00:00Z" EndDate="2030-05-07T00:00:00Z"/>' +
  '<m:ParentFolderIds><t:DistinguishedFolderId Id="calendar"/></m:ParentFolderIds></m:FindItem></soap:Body></soap:Envelope>';

const PLAIN_DOCUMENTS = [
  FIND_ITEM,
  `<Envelope xmlns="${NS.soap}">\n  <Body>\r\n\t<X a = 'b &amp; c'  d="&quot;&apos;&lt;&gt;"/>  </Body>\n</Envelope>  \n`,
  '<!-- before --><r><!-- inside -->a<![CDATA[<not a tag> & ]]>b<c/>&amp;d</r><!-- after -->',
  '<a:r xmlns:a="urn:a" a:x="1" y="2"><a:s>  text with ]]&gt; and > </a:s><t></t></a:r>',
  '<r>\u00e9 \ud83d\udcc5 caf\u00e9</r>',
];

/** Characters that change how XML reads, to mutate documents with. */
const SIGNIFICANT = ['<', '>', '/', '&', ';', '"', "'", '=', ' ', '!', '?', '-', '[', ']', ':', 'a', '#', '\n', 'é'];

/** mulberry32: a seeded generator, so every run mutates the same way. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function mutate(doc: string, random: () => number): string {
  let out = doc;
  const edits = 1 + Math.floor(random() * 3);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(random() * (out.length + 1));
    const ch = SIGNIFICANT[Math.floor(random() * SIGNIFICANT.length)]!;
    const kind = random();
    if (kind < 0.4) out = out.slice(0, at) + ch + out.slice(at);
    else if (kind < 0.7) out = out.slice(0, at) + out.slice(at + 1);
    else out = out.slice(0, at) + ch + out.slice(at + 1);
  }
  return out;
}

describe('parseSimpleXml', () => {
  it('reads plain documents (declaration, comments, CDATA, the five entities, any spacing) as sax does', () => {
    for (const doc of PLAIN_DOCUMENTS) {
      const fast = parseSimpleXml(doc);
      expect(fast, doc).toBeDefined();
      expect(plain(fast!)).toEqual(saxReading(doc));
    }
  });

  it('reads the FindItem a client sends into the tree EWS dispatches on', () => {
    const root = parseSimpleXml(FIND_ITEM)!;
    expect(root.name).toBe('Envelope');
    expect(root.attrs).toEqual({});
    const view = root.at('Body', 'FindItem', 'CalendarView')!;
    expect(view.attrs).toEqual({
      MaxEntriesReturned: '50',
      StartDate: '2030-05-06T00:00:00Z',
      EndDate: '2030-05-07T00:00:00Z',
    });
    expect(root.textAt('Header', 'ExchangeImpersonation', 'ConnectingSID', 'SmtpAddress')).toBe('alice@example.test');
  });

  it('leaves to sax what it is not sure of: numeric and HTML entities, errors, a second root', () => {
    for (const doc of [
      '<r>&#233;</r>',
      '<r>&nbsp;</r>',
      '<r a="1"b="2"/>',
      '<r a=1/>',
      '<r><s></r></s>',
      '<r/><r/>',
      '<r>',
      'text<r/>',
      '<r><!-- a -- b --></r>',
      '<r a="1" a="2"/>',
      '<r a="<"/>',
      '<é/>',
    ]) {
      expect(parseSimpleXml(doc), doc).toBeUndefined();
    }
  });

  it('over 20,000 seeded mutations of plain documents, never gives a tree sax would not give', () => {
    const random = seeded(16);
    let read = 0;
    for (let n = 0; n < 20_000; n++) {
      const doc = mutate(PLAIN_DOCUMENTS[n % PLAIN_DOCUMENTS.length]!, random);
      const fast = parseSimpleXml(doc);
      if (fast === undefined) continue;
      read++;
      expect(plain(fast), doc).toEqual(saxReading(doc));
    }
    // Mutations in text and attribute values keep most documents plain: the comparison covered many.
    expect(read).toBeGreaterThan(2000);
  });
});
