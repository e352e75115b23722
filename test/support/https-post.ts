import type { IncomingHttpHeaders } from 'node:http';
import { Agent, request } from 'node:https';
import type { Socket } from 'node:net';
import { parseXml } from '../../ews/soap-request.ts';
import type { MockExchange } from '../../mock-exchange/mock-exchange.ts';
import { SVC } from './test-org.ts';

export interface PostReply {
  status: number;
  headers: IncomingHttpHeaders;
  contentType: string | undefined;
  body: string;
  /** The body as it arrived, one entry per 'data' event. */
  chunks: string[];
  /** The TCP socket that carried the exchange: the same object across requests means keep-alive worked. */
  socket: Socket;
}

export interface PostOptions {
  server?: string;
  /** Path on the server (default: the EWS URL's, /EWS/Exchange.asmx). */
  path?: string;
  /** Basic credentials; null sends no Authorization header. Default: the impersonation account. */
  auth?: { user: string; password: string } | null;
  /** A raw Authorization header value, overriding auth. */
  authorization?: string;
  agent?: Agent;
  headers?: Record<string, string>;
  /** Send with Transfer-Encoding: chunked instead of Content-Length. */
  chunked?: boolean;
  /** Called with each piece of the reply as it streams in. */
  onChunk?: (chunk: string) => void;
  /** GET sends no body (the service description's URLs); default POST. */
  method?: 'GET' | 'POST';
}

/** An HTTPS agent trusting the lab CA and resolving through the lab's hosts table. */
export function labAgent(mock: MockExchange, options: { keepAlive?: boolean; maxSockets?: number } = {}): Agent {
  return new Agent({
    ca: mock.pki.trustBundlePem,
    lookup: mock.hosts.lookup as never,
    keepAlive: options.keepAlive ?? true,
    maxSockets: options.maxSockets ?? 4,
  });
}

/** POST any bytes to a mock server (its EWS URL unless a path is given) over real HTTPS and collect the reply. */
export function postEws(mock: MockExchange, body: string | Buffer, opts: PostOptions = {}): Promise<PostReply> {
  const url = new URL(opts.path ?? '/EWS/Exchange.asmx', mock.ewsUrl(opts.server ?? 'ex1'));
  const auth = opts.auth === undefined ? SVC : opts.auth;
  const get = opts.method === 'GET';
  const headers: Record<string, string | number> = get
    ? { ...opts.headers }
    : { 'Content-Type': 'text/xml; charset=utf-8', ...opts.headers };
  if (opts.authorization !== undefined) headers.Authorization = opts.authorization;
  else if (auth) headers.Authorization = `Basic ${Buffer.from(`${auth.user}:${auth.password}`).toString('base64')}`;
  if (opts.chunked && !get) headers['Transfer-Encoding'] = 'chunked';
  else if (!get) headers['Content-Length'] = Buffer.byteLength(body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: opts.method ?? 'POST',
        headers,
        ...(opts.agent ? { agent: opts.agent } : { agent: false, ca: mock.pki.trustBundlePem }),
        lookup: mock.hosts.lookup as never,
      },
      (res) => {
        // Captured now: a keep-alive agent detaches the socket from the response at 'end'.
        const socket = res.socket;
        const chunks: string[] = [];
        res.setEncoding('utf8');
        res.on('data', (c: string) => {
          chunks.push(c);
          opts.onChunk?.(c);
        });
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            contentType: res.headers['content-type'],
            body: chunks.join(''),
            chunks,
            socket,
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(get ? undefined : body);
  });
}

/** GET a path of a mock server over real HTTPS (lab CA, hosts table); credentials as postEws. */
export function getEws(mock: MockExchange, path: string, opts: Omit<PostOptions, 'method' | 'path'> = {}) {
  return postEws(mock, '', { ...opts, path, method: 'GET' });
}

/** Split a streamed GetStreamingEvents body into its envelopes. */
export function streamedEnvelopes(body: string): string[] {
  return body
    .split('</Envelope>')
    .filter((s) => s.trim() !== '')
    .map((s) => `${s.slice(s.indexOf('<Envelope'))}</Envelope>`);
}

export interface FaultFacts {
  /** detail/e:ResponseCode */
  responseCode: string | undefined;
  /** faultcode, e.g. "a:ErrorSchemaValidation" */
  faultCode: string | undefined;
  message: string | undefined;
}

/** Read a SOAP fault reply; throws when the body is not a SOAP fault at all. */
export async function readFault(body: string): Promise<FaultFacts> {
  const root = await parseXml(body);
  const fault = root.at('Body', 'Fault');
  if (root.name !== 'Envelope' || !fault) throw new Error(`not a SOAP fault: ${body.slice(0, 200)}`);
  return {
    responseCode: fault.textAt('detail', 'ResponseCode'),
    faultCode: fault.textAt('faultcode'),
    message: fault.textAt('detail', 'Message'),
  };
}
