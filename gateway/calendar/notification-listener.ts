import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type PushNotification,
  readSendNotification,
  type SubscriptionStatus,
  sendNotificationResultXml,
} from '../../ews/send-notification.ts';

export type { PushNotification, SubscriptionStatus };

const MAX_BODY = 1024 * 1024;

/**
 * The Microsoft Exchange Notification Port: EWS push callbacks on any URL path, answered with
 * SendNotificationResult. Garbage gets HTTP 400 and never reaches the engine.
 */
export class NotificationListener {
  #server: Server | undefined;

  constructor(readonly onNotification: (n: PushNotification) => SubscriptionStatus) {}

  get port(): number {
    return (this.#server?.address() as AddressInfo | null)?.port ?? 0;
  }

  async start(port: number, host = '127.0.0.1'): Promise<number> {
    const server = createServer((req, res) => this.#handle(req, res));
    server.keepAliveTimeout = 120_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', (err: NodeJS.ErrnoException) =>
        reject(new Error(`Microsoft Exchange Notification Port ${port} on ${host}: ${err.code ?? err.message}`)),
      );
      server.listen(port, host, () => resolve());
    });
    this.#server = server;
    return this.port;
  }

  async stop(): Promise<void> {
    const s = this.#server;
    this.#server = undefined;
    if (!s) return;
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }

  #handle(req: IncomingMessage, res: ServerResponse): void {
    if (req.method !== 'POST') {
      res
        .writeHead(405, { allow: 'POST', 'content-type': 'text/plain' })
        .end('EWS push notifications are POSTed here.\n');
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        res.writeHead(413, { 'content-type': 'text/plain' }).end('Notification too large.\n');
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => {
      if (res.headersSent) return;
      readSendNotification(Buffer.concat(chunks).toString('utf8'))
        .then((notifications) => {
          let status: SubscriptionStatus = 'OK';
          for (const n of notifications) if (this.onNotification(n) === 'Unsubscribe') status = 'Unsubscribe';
          res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' }).end(sendNotificationResultXml(status));
        })
        .catch((err: Error) => {
          res.writeHead(400, { 'content-type': 'text/plain' }).end(`Not an EWS SendNotification: ${err.message}\n`);
        });
    });
  }
}
