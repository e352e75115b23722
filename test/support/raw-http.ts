import { request } from 'node:http';

export interface RawReply {
  status: number;
  body: string;
}

/** One HTTP request with exactly the headers and body given (no JSON helper guessing a content type). */
export function rawHttp(
  url: string,
  method: string,
  headers: Record<string, string>,
  body?: string | Buffer,
): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, agent: false });
    req.on('error', reject);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.end(body);
  });
}
