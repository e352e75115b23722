import { X509Certificate } from 'node:crypto';
import type { ClientRequest, IncomingHttpHeaders } from 'node:http';
import { Agent, type RequestOptions, request } from 'node:https';
import type { TLSSocket } from 'node:tls';
import { NS } from '../../ews/namespaces.ts';
import { parseXml } from '../../ews/soap-request.ts';
import type { XmlElement } from '../../ews/xml-element.ts';
import { el, txt } from '../../ews/xml-writer.ts';
import type { Clock } from '../../sim/clock.ts';
import { inFlight } from '../../sim/in-flight.ts';
import type { CertificatePolicy } from '../certificates/certificate-policy.ts';
import { verifyChain } from '../certificates/chain-verifier.ts';
import { tlsVersionOptions } from '../certificates/probe-and-verify.ts';
import type { LookupFunction } from '../network/gateway-network.ts';
import { sslLabel } from '../status/ssl-label-table.ts';
import { EwsCallError } from './ews-call-error.ts';
import { type EwsAuthMethod, ntlmAuthenticate, ntlmNegotiate } from './ntlm-handshake.ts';

export interface EwsEndpoint {
  host: string;
  port: number;
}

export interface EwsClientOptions {
  accountName: string;
  password: string;
  clock: Clock;
  /** Exchange Timeout, per request. */
  timeoutMs: number;
  /** Exchange Threads: requests in flight at once. */
  threads: number;
  /** Exchange Queue: requests waiting beyond that; more fail at once. */
  queue: number;
  /** The trust store the Presence Engine loaded at start. */
  trusted: X509Certificate[];
  lookup?: LookupFunction;
  /** Basic (default) or NTLM (NTLMv2), as the impersonation account is configured. */
  authMethod?: EwsAuthMethod;
  /** The release's certificate policy: TLS versions offered and chain rules (default: the verifier's). */
  policy?: CertificatePolicy;
}

/** Extra request headers (affinity: X-AnchorMailbox, X-PreferServerAffinity, Cookie) and a look at the reply's. */
export interface CallOptions {
  headers?: Record<string, string>;
  onResponseHeaders?(headers: IncomingHttpHeaders): void;
}

/** One NTLM-authenticated connection: its own agent with one socket, so the handshake stays bound to it. */
interface NtlmSession {
  agent: Agent;
  authenticated: boolean;
  busy: boolean;
}

const MAX_RESPONSE_BYTES = 20 * 1024 * 1024;

/**
 * The Presence Engine's EWS client: Basic auth with the shared impersonation account, the engine's own
 * certificate verification against the trust store it loaded, bounded concurrency and queue.
 */
export class EwsClient {
  readonly #agents = new Map<string, Agent>();
  readonly #ntlm = new Map<string, NtlmSession[]>();
  readonly #verified = new WeakSet<TLSSocket>();
  #running = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(readonly options: EwsClientOptions) {}

  get inFlight(): number {
    return this.#running;
  }

  get queued(): number {
    return this.#waiting.length;
  }

  /** POST one SOAP request; resolves with the first element of the response soap:Body. */
  async call(
    endpoint: EwsEndpoint,
    impersonate: string | undefined,
    body: string,
    options: CallOptions = {},
  ): Promise<XmlElement> {
    if (this.#running >= this.options.threads) {
      if (this.#waiting.length >= this.options.queue) {
        throw new EwsCallError('queue-full', `Exchange Queue is full (${this.options.queue} waiting requests)`, {
          host: endpoint.host,
        });
      }
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    }
    this.#running++;
    try {
      return await this.#authenticatedPost(endpoint, impersonate, body, options);
    } finally {
      this.#running--;
      this.#waiting.shift()?.();
    }
  }

  /**
   * A hanging request (GetStreamingEvents): each complete SOAP envelope in the chunked response is
   * parsed and handed over as it arrives. Headers must come within Exchange Timeout; then it stays open.
   */
  openStream(
    endpoint: EwsEndpoint,
    body: string,
    handlers: { onEnvelope(first: XmlElement): void; onEnd(error?: EwsCallError): void },
    options: { impersonate?: string; headers?: Record<string, string> } = {},
  ): { close(): void } {
    const payload = Buffer.from(soapRequest(options.impersonate, body), 'utf8');
    const where = `${endpoint.host}:${endpoint.port}`;
    let ended = false;
    // Only the opening is awaited work: once headers are in, the stream waits on virtual time by design.
    const opened = inFlight(this.options.clock).begin(`GetStreamingEvents to ${where}`);
    const end = (err?: EwsCallError) => {
      if (ended) return;
      ended = true;
      if (timer !== undefined) this.options.clock.clearTimeout(timer);
      opened();
      req?.destroy();
      if (ntlmAgent) ntlmAgent.destroy();
      handlers.onEnd(err);
    };
    let req: ClientRequest | undefined;
    let timer: ReturnType<Clock['setTimeout']> | undefined;
    // A hanging request under NTLM gets a connection of its own, authenticated before the request goes out.
    const ntlmAgent = this.options.authMethod === 'NTLM' ? this.#newAgent(1) : undefined;
    const start = (agent: Agent, authorization: string) => {
      if (ended) return;
      const headers = { ...options.headers, authorization };
      req = request(this.#requestOptions(endpoint, payload.length, headers, agent), (res) => {
        if (timer !== undefined) this.options.clock.clearTimeout(timer);
        opened();
        if (res.statusCode !== 200) {
          res.resume();
          end(
            new EwsCallError(
              res.statusCode === 401 ? 'unauthorized' : 'http',
              `${where} answered GetStreamingEvents with HTTP ${res.statusCode}`,
              { status: res.statusCode, host: endpoint.host },
            ),
          );
          return;
        }
        let buffer = '';
        // Envelopes are handed over in order, and the end waits for them: a stream that says only "these
        // subscriptions are not found" and ends must still be heard.
        let parsed = Promise.resolve();
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          for (;;) {
            const m = /<\/(?:[\w.-]+:)?Envelope\s*>/.exec(buffer);
            if (!m) break;
            const doc = buffer.slice(0, m.index + m[0].length);
            buffer = buffer.slice(m.index + m[0].length);
            parsed = parsed
              .then(() => parseXml(doc.trim()))
              .then((envelope) => {
                const first = envelope.child('Body')?.children[0];
                if (first && !ended) handlers.onEnvelope(first);
              })
              .catch((err: Error) =>
                end(
                  new EwsCallError('malformed', `${where}: unreadable streaming chunk: ${err.message}`, {
                    host: endpoint.host,
                  }),
                ),
              );
          }
        });
        res.on('end', () => {
          parsed.then(() => end());
        });
        res.on('error', (e: NodeJS.ErrnoException) =>
          end(new EwsCallError('network', `${where}: ${e.message}`, { code: e.code, host: endpoint.host })),
        );
      });
      timer = this.#guard(req, endpoint, 'did not start streaming', end);
      req.end(payload);
    };
    if (ntlmAgent) {
      this.#ntlmChallenge(endpoint, ntlmAgent).then(
        (type3) => start(ntlmAgent, type3),
        (err: EwsCallError) => end(err),
      );
    } else start(this.#agent(endpoint), this.#basic());
    return { close: () => end() };
  }

  close(): void {
    for (const a of this.#agents.values()) a.destroy();
    this.#agents.clear();
    for (const s of [...this.#ntlm.values()].flat()) s.agent.destroy();
    this.#ntlm.clear();
  }

  /** Basic on the shared keep-alive agent; NTLM on a connection of its own, handshaking when it is not yet proven. */
  async #authenticatedPost(
    endpoint: EwsEndpoint,
    impersonate: string | undefined,
    body: string,
    options: CallOptions,
  ): Promise<XmlElement> {
    if (this.options.authMethod !== 'NTLM')
      return this.#post(endpoint, impersonate, body, this.#agent(endpoint), this.#basic(), options);
    const session = this.#ntlmSession(endpoint);
    try {
      if (session.authenticated) {
        try {
          return await this.#post(endpoint, impersonate, body, session.agent, undefined, options);
        } catch (err) {
          // The connection was closed and a new one is not yet authenticated: handshake again once.
          if (!(err instanceof EwsCallError && err.kind === 'unauthorized')) throw err;
          session.authenticated = false;
        }
      }
      const type3 = await this.#ntlmChallenge(endpoint, session.agent);
      const result = await this.#post(endpoint, impersonate, body, session.agent, type3, options);
      session.authenticated = true;
      return result;
    } finally {
      session.busy = false;
    }
  }

  #ntlmSession(endpoint: EwsEndpoint): NtlmSession {
    const key = `${endpoint.host}:${endpoint.port}`;
    const sessions = this.#ntlm.get(key) ?? [];
    this.#ntlm.set(key, sessions);
    let session = sessions.find((s) => !s.busy);
    if (!session) {
      session = { agent: this.#newAgent(1), authenticated: false, busy: false };
      sessions.push(session);
    }
    session.busy = true;
    return session;
  }

  /** NEGOTIATE on an empty POST; the 401 carries the CHALLENGE; returns the AUTHENTICATE header. */
  #ntlmChallenge(endpoint: EwsEndpoint, agent: Agent): Promise<string> {
    const where = `${endpoint.host}:${endpoint.port}`;
    const name = this.options.accountName;
    return new Promise<string>((resolve, reject) => {
      let done = false;
      const over = inFlight(this.options.clock).begin(`NTLM handshake with ${where}`);
      const fail = (err: EwsCallError) => {
        if (done) return;
        done = true;
        over();
        this.options.clock.clearTimeout(timer);
        req.destroy();
        reject(err);
      };
      const req = request(this.#requestOptions(endpoint, 0, { authorization: ntlmNegotiate(name) }, agent), (res) => {
        res.resume();
        res.on('end', () => {
          if (done) return;
          const type3 =
            res.statusCode === 401
              ? ntlmAuthenticate(res.headers['www-authenticate'], name, this.options.password)
              : undefined;
          if (!type3) {
            const offered = [res.headers['www-authenticate'] ?? []].flat().join(', ') || 'none';
            fail(
              new EwsCallError(
                'unauthorized',
                `${where} does not offer NTLM authentication (HTTP ${res.statusCode}; WWW-Authenticate: ${offered})`,
                {
                  status: res.statusCode,
                  host: endpoint.host,
                },
              ),
            );
            return;
          }
          done = true;
          over();
          this.options.clock.clearTimeout(timer);
          resolve(type3);
        });
      });
      const timer = this.#guard(req, endpoint, 'did not answer', fail);
      req.end();
    });
  }

  #basic(): string {
    return `Basic ${Buffer.from(`${this.options.accountName}:${this.options.password}`).toString('base64')}`;
  }

  #agent(endpoint: EwsEndpoint): Agent {
    const key = `${endpoint.host}:${endpoint.port}`;
    let agent = this.#agents.get(key);
    if (!agent) {
      agent = this.#newAgent(this.options.threads);
      this.#agents.set(key, agent);
    }
    return agent;
  }

  #newAgent(maxSockets: number): Agent {
    return new Agent({
      keepAlive: true,
      maxSockets,
      // A resumed TLS session presents no certificate, and every connection must be verified.
      maxCachedSessions: 0,
      rejectUnauthorized: false,
      lookup: this.options.lookup as never,
      ...tlsVersionOptions(this.options.policy),
    });
  }

  #post(
    endpoint: EwsEndpoint,
    impersonate: string | undefined,
    body: string,
    agent: Agent,
    authorization: string | undefined,
    options: CallOptions = {},
  ): Promise<XmlElement> {
    const payload = Buffer.from(soapRequest(impersonate, body), 'utf8');
    const where = `${endpoint.host}:${endpoint.port}`;
    return new Promise<XmlElement>((resolve, reject) => {
      let done = false;
      const over = inFlight(this.options.clock).begin(`EWS request to ${where}`);
      const fail = (err: EwsCallError) => {
        if (done) return;
        done = true;
        over();
        this.options.clock.clearTimeout(timer);
        req.destroy();
        reject(err);
      };
      const req = request(
        this.#requestOptions(
          endpoint,
          payload.length,
          {
            ...(impersonate ? { 'x-anchormailbox': impersonate } : {}),
            ...options.headers,
            ...(authorization ? { authorization } : {}),
          },
          agent,
        ),
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (c: Buffer) => {
            size += c.length;
            if (size > MAX_RESPONSE_BYTES)
              fail(
                new EwsCallError('malformed', `response from ${where} exceeds ${MAX_RESPONSE_BYTES} bytes`, {
                  host: endpoint.host,
                }),
              );
            else chunks.push(c);
          });
          res.on('error', (e: NodeJS.ErrnoException) =>
            fail(new EwsCallError('network', `${where}: ${e.message}`, { code: e.code, host: endpoint.host })),
          );
          res.on('end', () => {
            if (done) return;
            const status = res.statusCode ?? 0;
            options.onResponseHeaders?.(res.headers);
            const text = Buffer.concat(chunks).toString('utf8');
            if (status === 401) {
              fail(
                new EwsCallError(
                  'unauthorized',
                  `${where} refused the credentials of ${this.options.accountName} (401, ${this.options.authMethod ?? 'Basic'}; the server offers: ${[res.headers['www-authenticate'] ?? []].flat().join(', ') || 'nothing'})`,
                  { status, host: endpoint.host },
                ),
              );
              return;
            }
            parseXml(text)
              .then((envelope) => {
                const first = envelope.child('Body')?.children[0];
                if (status === 500 && first?.name === 'Fault') {
                  const code = first.textAt('detail', 'ResponseCode') ?? 'ErrorInternalServerError';
                  const backOff = backOffFrom(first.at('detail', 'MessageXml'));
                  fail(
                    new EwsCallError(
                      'fault',
                      `${where}: ${code}: ${first.textAt('detail', 'Message') ?? first.textAt('faultstring') ?? ''}`,
                      { code, status, backOffMs: backOff, host: endpoint.host },
                    ),
                  );
                  return;
                }
                if (status !== 200 || !first) {
                  fail(new EwsCallError('http', `${where} answered HTTP ${status}`, { status, host: endpoint.host }));
                  return;
                }
                done = true;
                over();
                this.options.clock.clearTimeout(timer);
                resolve(first);
              })
              .catch(() =>
                fail(
                  new EwsCallError(
                    status === 200 ? 'malformed' : 'http',
                    `${where} answered HTTP ${status} with a body that is not SOAP`,
                    { status, host: endpoint.host },
                  ),
                ),
              );
          });
        },
      );
      const timer = this.#guard(req, endpoint, 'did not answer', fail);
      req.end(payload);
    });
  }

  /** POST /EWS/Exchange.asmx through `agent`; the Authorization header comes in `extraHeaders`. */
  #requestOptions(
    endpoint: EwsEndpoint,
    length: number,
    extraHeaders: Record<string, string>,
    agent: Agent,
  ): RequestOptions {
    return {
      host: endpoint.host,
      port: endpoint.port,
      path: '/EWS/Exchange.asmx',
      method: 'POST',
      servername: /^[\d.]+$/.test(endpoint.host) ? undefined : endpoint.host,
      agent,
      headers: {
        'content-type': 'text/xml; charset=utf-8',
        accept: 'text/xml',
        'content-length': length,
        ...extraHeaders,
      },
    };
  }

  /** Verify each new TLS connection once, before its first request goes out; a failure ends the request. */
  /** One request's deadline (Exchange Timeout), certificate check on connect and network errors, all ending in `fail`. */
  #guard(
    req: ClientRequest,
    endpoint: EwsEndpoint,
    what: string,
    fail: (err: EwsCallError) => void,
  ): ReturnType<Clock['setTimeout']> {
    const where = `${endpoint.host}:${endpoint.port}`;
    const timer = this.options.clock.setTimeout(
      () =>
        fail(
          new EwsCallError('timeout', `${where} ${what} within Exchange Timeout (${this.options.timeoutMs} ms)`, {
            host: endpoint.host,
          }),
        ),
      this.options.timeoutMs,
    );
    this.#verifyOnConnect(req, endpoint, fail);
    req.on('error', (e: NodeJS.ErrnoException) =>
      fail(new EwsCallError('network', `${where}: ${e.message}`, { code: e.code, host: endpoint.host })),
    );
    return timer;
  }

  #verifyOnConnect(req: ClientRequest, endpoint: EwsEndpoint, fail: (err: EwsCallError) => void): void {
    req.on('socket', (socket) => {
      const tls = socket as TLSSocket;
      if (this.#verified.has(tls)) return;
      tls.once('secureConnect', () => {
        const problem = this.#verify(tls, endpoint.host);
        if (problem)
          fail(new EwsCallError('tls', `${endpoint.host}:${endpoint.port}: ${problem}`, { host: endpoint.host }));
        else this.#verified.add(tls);
      });
    });
  }

  /** Same rules as the status area, against the trust store loaded at engine start. */
  #verify(socket: TLSSocket, host: string): string | undefined {
    const chain: X509Certificate[] = [];
    let node = socket.getPeerCertificate(true);
    const seen = new Set<string>();
    while (node?.raw && !seen.has(node.fingerprint256)) {
      seen.add(node.fingerprint256);
      chain.push(new X509Certificate(node.raw));
      node = node.issuerCertificate;
    }
    const verdict = verifyChain({
      presented: chain,
      trusted: this.options.trusted,
      host,
      now: this.options.clock.now(),
      policy: this.options.policy,
    });
    const label = sslLabel(verdict.outcome);
    return label === 'Verified' ? undefined : `${label}: ${verdict.detail}`;
  }
}

function backOffFrom(messageXml: XmlElement | undefined): number | undefined {
  const v = messageXml?.all('Value').find((x) => x.attr('Name') === 'BackOffMilliseconds');
  const n = v ? Number(v.text.trim()) : Number.NaN;
  return Number.isFinite(n) ? n : undefined;
}

/** What the gateway asks for: push, pull and streaming notifications and CalendarView all exist in it. */
export const GATEWAY_REQUEST_VERSION = 'Exchange2010_SP2';

export function soapRequest(impersonate: string | undefined, body: string): string {
  return el(
    'soap:Envelope',
    { 'xmlns:soap': NS.soap, 'xmlns:m': NS.m, 'xmlns:t': NS.t },
    el(
      'soap:Header',
      null,
      // Every Exchange release IM&P supports (2010 SP2 and later) accepts this version; newer ones are refused by older servers.
      el('t:RequestServerVersion', { Version: GATEWAY_REQUEST_VERSION }),
      impersonate
        ? el('t:ExchangeImpersonation', null, el('t:ConnectingSID', null, txt('t:SmtpAddress', impersonate)))
        : '',
    ),
    el('soap:Body', null, body),
  );
}
