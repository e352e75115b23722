import { request } from 'node:https';
import type { MockExchange } from '../../mock-exchange/mock-exchange.ts';
import { SVC } from './test-org.ts';

export interface LabReply {
  status: number;
  contentType: string | undefined;
  body: string;
  /** The body as it arrived, one entry per 'data' event. */
  chunks: string[];
}

/** POST to any path of a mock server over real HTTPS (lab CA, hosts table), collecting the reply as it streams. */
export function postLab(
  mock: MockExchange,
  path: string,
  body: string,
  opts: { server?: string; auth?: { user: string; password: string } | null; onChunk?: (chunk: string) => void } = {},
): Promise<LabReply> {
  const server = mock.org.server(opts.server ?? 'ex1');
  if (!server) throw new Error(`Unknown server ${opts.server}`);
  const auth = opts.auth === undefined ? SVC : opts.auth;
  const headers: Record<string, string | number> = {
    'Content-Type': 'text/xml; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
  };
  if (auth) headers.Authorization = `Basic ${Buffer.from(`${auth.user}:${auth.password}`).toString('base64')}`;
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: server.fqdn,
        port: server.port,
        path,
        method: 'POST',
        ca: mock.pki.trustBundlePem,
        lookup: mock.hosts.lookup as never,
        agent: false,
        headers,
      },
      (res) => {
        const chunks: string[] = [];
        res.setEncoding('utf8');
        res.on('data', (c: string) => {
          chunks.push(c);
          opts.onChunk?.(c);
        });
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            contentType: res.headers['content-type'],
            body: chunks.join(''),
            chunks,
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Split a streamed GetStreamingEvents body into its envelopes. */
export function streamedEnvelopes(body: string): string[] {
  return body
    .split('</Envelope>')
    .filter((s) => s.trim() !== '')
    .map((s) => `${s.slice(s.indexOf('<Envelope'))}</Envelope>`);
}

/** GET a path of a mock server over real HTTPS; `auth: null` sends no credentials. */
export function getLab(
  mock: MockExchange,
  path: string,
  opts: { server?: string; auth?: { user: string; password: string } | null } = {},
): Promise<LabReply & { headers: Record<string, string | string[] | undefined> }> {
  const server = mock.org.server(opts.server ?? 'ex1');
  if (!server) throw new Error(`Unknown server ${opts.server}`);
  const auth = opts.auth === undefined ? SVC : opts.auth;
  const headers: Record<string, string> = {};
  if (auth) headers.Authorization = `Basic ${Buffer.from(`${auth.user}:${auth.password}`).toString('base64')}`;
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: server.fqdn,
        port: server.port,
        path,
        method: 'GET',
        ca: mock.pki.trustBundlePem,
        lookup: mock.hosts.lookup as never,
        agent: false,
        headers,
      },
      (res) => {
        const chunks: string[] = [];
        res.setEncoding('utf8');
        res.on('data', (c: string) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            contentType: res.headers['content-type'],
            body: chunks.join(''),
            chunks,
            headers: res.headers,
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}
