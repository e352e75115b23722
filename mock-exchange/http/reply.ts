import type { ServerResponse } from 'node:http';

/** What fault hooks and the EWS endpoint need of a response: the status, headers and one whole body. */
export interface HttpReply {
  statusCode: number;
  readonly headersSent: boolean;
  status(code: number): this;
  /** A content type; `html` and `text` are short for their UTF-8 types. */
  type(contentType: string): this;
  setHeader(name: string, value: string | readonly string[]): this;
  /**
   * The whole body, with its Content-Length, in UTF-8: charset=utf-8, or us-ascii when the type names it and the body
   * is ASCII (HTTP.sys's own pages).
   */
  send(body: string): this;
}

const SHORT_TYPES: Record<string, string> = { html: 'text/html', text: 'text/plain', xml: 'text/xml' };

/**
 * HttpReply over node's ServerResponse, sending what express's `send` sent for a string (Content-Length, no ETag)
 * without its per-request work; the charset is utf-8 unless the caller named us-ascii for an ASCII body.
 */
export class NodeReply implements HttpReply {
  constructor(readonly raw: ServerResponse) {}

  get statusCode(): number {
    return this.raw.statusCode;
  }

  set statusCode(code: number) {
    this.raw.statusCode = code;
  }

  get headersSent(): boolean {
    return this.raw.headersSent;
  }

  get writableEnded(): boolean {
    return this.raw.writableEnded;
  }

  status(code: number): this {
    this.raw.statusCode = code;
    return this;
  }

  type(contentType: string): this {
    this.raw.setHeader('Content-Type', SHORT_TYPES[contentType] ?? contentType);
    return this;
  }

  setHeader(name: string, value: string | readonly string[]): this {
    this.raw.setHeader(name, value);
    return this;
  }

  send(body: string): this {
    const type = this.raw.getHeader('Content-Type');
    const bare = typeof type === 'string' ? type.split(';')[0]!.trim().toLowerCase() : 'text/html';
    // The string goes to the socket as it is, encoded once on its way out: a Buffer of it would be one more copy
    // and an allocation outside the heap per reply.
    const length = Buffer.byteLength(body, 'utf8');
    // As many UTF-8 bytes as characters: the body is ASCII.
    const asciiBody = length === body.length;
    // us-ascii stays for an ASCII body; anything else says utf-8.
    const ascii = typeof type === 'string' && /;\s*charset=us-ascii\s*$/i.test(type) && asciiBody;
    this.raw.setHeader('Content-Type', `${bare}; charset=${ascii ? 'us-ascii' : 'utf-8'}`);
    this.raw.setHeader('Content-Length', length);
    // An ASCII body goes as 'ascii', the same bytes: node then writes the head and the body side by side instead of
    // joining them into one more string of the reply's size first.
    this.raw.end(body, asciiBody ? 'ascii' : 'utf8');
    return this;
  }
}
