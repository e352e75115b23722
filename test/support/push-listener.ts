import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NS } from '../../ews/namespaces.ts';

/** How the listener answers a SendNotification. */
export type ListenerReply = 'OK' | 'Unsubscribe' | 'malformed' | 'http-500' | 'hang';

export interface ReceivedPush {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export function sendNotificationResult(status: 'OK' | 'Unsubscribe'): string {
  return (
    `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="${NS.soap}"><soap:Body>` +
    `<m:SendNotificationResult xmlns:m="${NS.m}"><m:SubscriptionStatus>${status}</m:SubscriptionStatus></m:SendNotificationResult>` +
    '</soap:Body></soap:Envelope>'
  );
}

/**
 * A push subscriber as a plain HTTP server on 127.0.0.1: it records every SendNotification and answers
 * as told per URL path. Tests await `next()` instead of sleeping.
 */
export class PushListener {
  readonly received: ReceivedPush[] = [];
  readonly replies = new Map<string, ListenerReply>();
  #server: Server | undefined;
  #waiters: { path: string | undefined; resolve: (p: ReceivedPush) => void }[] = [];
  #seen = new Map<string | undefined, number>();
  #port = 0;

  async start(port = 0): Promise<this> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const push: ReceivedPush = {
          path: req.url ?? '/',
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        };
        this.received.push(push);
        this.#wake();
        const reply = this.replies.get(push.path) ?? 'OK';
        if (reply === 'hang') return;
        if (reply === 'http-500') res.writeHead(500).end('Internal Server Error');
        else if (reply === 'malformed')
          res.writeHead(200, { 'Content-Type': 'text/xml' }).end('<soap:Envelope><unclosed>');
        else res.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8' }).end(sendNotificationResult(reply));
      });
    });
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    this.#server = server;
    this.#port = (server.address() as AddressInfo).port;
    return this;
  }

  get port(): number {
    return this.#port;
  }

  url(path = '/'): string {
    return `http://127.0.0.1:${this.#port}${path}`;
  }

  /** The next push not yet taken by an earlier next() (optionally only those to `path`). */
  next(path?: string): Promise<ReceivedPush> {
    return new Promise((resolve) => {
      this.#waiters.push({ path, resolve });
      this.#wake();
    });
  }

  async stop(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  #wake(): void {
    for (const w of [...this.#waiters]) {
      const matching = this.received.filter((p) => w.path === undefined || p.path === w.path);
      const taken = this.#seen.get(w.path) ?? 0;
      const push = matching[taken];
      if (!push) continue;
      this.#seen.set(w.path, taken + 1);
      this.#waiters.splice(this.#waiters.indexOf(w), 1);
      w.resolve(push);
    }
  }
}
