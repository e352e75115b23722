import { createServer, get, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
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

describe('a whole reply body over a socket', () => {
  it('arrives byte for byte, with the length it says, ASCII or not', async () => {
    const bodies = ['<a>plain ASCII, the usual EWS reply</a>', '<a>Grüße</a>', '<a>Termin 📅 für Ärzte</a>', ''];
    const server = createServer((req, res) => {
      new NodeReply(res).type('xml').send(bodies[Number(req.url?.slice(1))]!);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      for (const [i, body] of bodies.entries()) {
        const got = await new Promise<{ length: string | undefined; bytes: Buffer }>((resolve, reject) => {
          get({ host: '127.0.0.1', port, path: `/${i}` }, (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => resolve({ length: res.headers['content-length'], bytes: Buffer.concat(chunks) }));
          }).on('error', reject);
        });
        expect(got.bytes.equals(Buffer.from(body, 'utf8'))).toBe(true);
        expect(Number(got.length)).toBe(got.bytes.length);
      }
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
