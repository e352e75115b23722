/**
 * Seeded generators of request bodies that are not acceptable EWS requests. Every one of them must be
 * refused with ErrorSchemaValidation: each is malformed XML, not UTF-8, not a SOAP envelope, carries a
 * DTD, or nests deeper than the codec allows.
 */

/** mulberry32: tiny, fast, and the same sequence on every machine for a given seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface MalformedBody {
  kind: string;
  body: Buffer;
}

type Generator = (valid: string, rnd: Rng) => string | Buffer;

class Rng {
  constructor(readonly next: () => number) {}
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)] as T;
  }
  bytes(n: number): Buffer {
    const b = Buffer.alloc(n);
    for (let i = 0; i < n; i++) b[i] = this.int(0, 255);
    return b;
  }
}

/** Offsets just after each '>' of the document: places where a tag may be inserted or removed. */
function tagBoundaries(xml: string): number[] {
  const out: number[] = [];
  for (let i = xml.indexOf('>'); i !== -1; i = xml.indexOf('>', i + 1)) out.push(i + 1);
  return out;
}

const INVALID_UTF8: readonly number[][] = [
  [0xc3, 0x28], // a 2-byte lead followed by ASCII
  [0xff], // never valid
  [0xc0, 0xaf], // overlong '/'
  [0xed, 0xa0, 0x80], // an encoded surrogate
  [0xf0, 0x9f, 0x98], // a 4-byte sequence cut short
  [0x80], // a lone continuation byte
];

const GENERATORS: Record<string, Generator> = {
  truncated: (valid, r) => valid.slice(0, r.int(0, valid.length - 1)),
  'random-bytes': (_v, r) => r.bytes(r.int(1, 4096)),
  'tag-soup': (_v, r) =>
    Array.from({ length: r.int(1, 400) }, () =>
      r.pick(['<', '>', '/', '=', '"', "'", '&', ';', 'a', ' ', '!', '?', ':']),
    ).join(''),
  'missing-close-tag': (valid, r) => {
    const closes = [...valid.matchAll(/<\/[^>]+>/g)];
    const m = r.pick(closes);
    return valid.slice(0, m.index) + valid.slice(m.index + m[0].length);
  },
  'extra-open-tag': (valid, r) => {
    const at = r.pick(tagBoundaries(valid).slice(0, -1));
    return `${valid.slice(0, at)}<t:Extra${r.int(0, 99)}>${valid.slice(at)}`;
  },
  'stray-close-tag': (valid, r) => {
    const at = r.pick(tagBoundaries(valid).slice(0, -1));
    return `${valid.slice(0, at)}</t:Stray>${valid.slice(at)}`;
  },
  'mismatched-close-tag': (valid) => valid.replace('</m:GetFolder>', '</m:GetItem>'),
  'huge-unterminated-attribute': (valid, r) => {
    const at = valid.indexOf('<m:GetFolder') + '<m:GetFolder'.length;
    return `${valid.slice(0, at)} Huge="${'x'.repeat(r.int(64 * 1024, 1024 * 1024))}`;
  },
  'attribute-without-value': (valid) => valid.replace('<m:GetFolder>', '<m:GetFolder Traversal>'),
  'bad-utf8': (valid, r) => {
    const at = r.int(1, valid.length - 1);
    const text = Buffer.from(valid);
    return Buffer.concat([text.subarray(0, at), Buffer.from(r.pick(INVALID_UTF8)), text.subarray(at)]);
  },
  'control-character': (valid, r) => {
    const at = r.pick(tagBoundaries(valid).slice(0, -1));
    return `${valid.slice(0, at)}${String.fromCharCode(r.pick([0, 1, 8, 11, 12, 27, 31]))}${valid.slice(at)}`;
  },
  'deep-nesting': (valid, r) => {
    const depth = r.int(300, 10_000);
    return valid.replace('</m:GetFolder>', `${'<t:N>'.repeat(depth)}${'</t:N>'.repeat(depth)}</m:GetFolder>`);
  },
  'deep-nesting-unclosed': (valid) => valid.replace('</m:GetFolder>', '<t:N>'.repeat(10_000)),
  'bad-entity': (valid, r) =>
    valid.replace('AllProperties', r.pick(['&bogus;', '&#0;', '&#xD800;', 'A & B', '&;', '&#xFFFFFFFF;'])),
  'unclosed-comment': (valid) => valid.replace('<soap:Body>', '<soap:Body><!-- never closed'),
  'unclosed-cdata': (valid) => valid.replace('AllProperties', '<![CDATA[AllProperties'),
  'text-after-root': (valid, r) => `${valid}${r.pick(['junk', '<x/>', '<soap:Envelope/>', '&amp;'])}`,
  'text-before-root': (valid) => `junk${valid}`,
  doctype: (valid, r) =>
    r.pick([
      `<!DOCTYPE soap:Envelope>${valid}`,
      `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "e">]>${valid}`,
      `<!doctype html>${valid}`,
    ]),
  'not-soap': (_v, r) =>
    r.pick([
      '<html><body>Hello</body></html>',
      '<?xml version="1.0"?><GetFolder/>',
      '<Envelope xmlns="urn:not-soap"><Header/></Envelope>',
      '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body/></soap:Envelope>',
    ]),
  'not-xml': (_v, r) =>
    r.pick(['{"GetFolder":{"FolderIds":["calendar"]}}', 'GetFolder calendar', 'null', '\u00ff\u00fe<\u0000E']),
};

export const MALFORMED_KINDS = Object.keys(GENERATORS);

/** n bodies, cycling through every kind so each appears, with seeded variation inside each kind. */
export function malformedBodies(valid: string, n: number, seed: number): MalformedBody[] {
  const rnd = new Rng(seededRandom(seed));
  return Array.from({ length: n }, (_, i) => {
    const kind = MALFORMED_KINDS[i % MALFORMED_KINDS.length] as string;
    const out = (GENERATORS[kind] as Generator)(valid, rnd);
    return { kind, body: typeof out === 'string' ? Buffer.from(out, 'utf8') : out };
  });
}
