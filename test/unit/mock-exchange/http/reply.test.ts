import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { NodeReply } from '../../../../mock-exchange/http/reply.ts';

/** What send() leaves on a response: its headers and the bytes written. */
function sent(type: string | undefined, body: string): { headers: Record<string, unknown>; bytes: Buffer } {
  const headers: Record<string, unknown> = {};
  let bytes: Buffer = Buffer.alloc(0);
  const raw = {
    statusCode: 200,
    headersSent: false,
    getHeader: (n: string) => headers[n.toLowerCase()],
    setHeader: (n: string, v: unknown) => {
      headers[n.toLowerCase()] = v;
    },
    end: (b: string | Buffer, encoding?: BufferEncoding) => {
      bytes = typeof b === 'string' ? Buffer.from(b, encoding) : b;
    },
  } as unknown as ServerResponse;
  const reply = new NodeReply(raw);
  if (type !== undefined) reply.type(type);
  reply.send(body);
  return { headers, bytes };
}

describe('a whole reply body', () => {
  it('goes as UTF-8 with its byte length, whatever charset or none the type named', () => {
    expect(sent('xml', 'Grüße').headers).toEqual({ 'content-type': 'text/xml; charset=utf-8', 'content-length': 7 });
    expect(sent('text/xml; charset=UTF-8', 'x').headers['content-type']).toBe('text/xml; charset=utf-8');
    expect(sent('text/html; charset=iso-8859-1', 'x').headers['content-type']).toBe('text/html; charset=utf-8');
    expect(sent(undefined, 'x').headers['content-type']).toBe('text/html; charset=utf-8');
    expect(sent('xml', 'Grüße').bytes.toString('utf8')).toBe('Grüße');
    // The length said is the length of the bytes that go: characters outside the BMP count four bytes each.
    const wide = sent('xml', 'Termin 📅 für Ärzte');
    expect(wide.headers['content-length']).toBe(wide.bytes.length);
    expect(wide.bytes.length).toBe(23);
  });

  it('keeps us-ascii, as HTTP.sys sends its own pages, only for a body that is ASCII', () => {
    expect(sent('text/html; charset=us-ascii', '<HTML>503</HTML>').headers['content-type']).toBe(
      'text/html; charset=us-ascii',
    );
    expect(sent('text/html; charset=us-ascii', 'Grüße').headers['content-type']).toBe('text/html; charset=utf-8');
  });
});
