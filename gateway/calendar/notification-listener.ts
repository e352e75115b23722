import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type PushNotification,
  readSendNotification,
  type SubscriptionStatus,
  sendNotificationResultXml,
} from '../../ews/send-notification.ts';
import { wireText } from '../../sim/wire-text.ts';

export type { PushNotification, SubscriptionStatus };

const MAX_BODY = 1024 * 1024;
const RESULT_HEADERS = { 'content-type': 'text/xml; charset=utf-8' };

export interface NotificationListenerOptions {
  /** Whether a peer address may push (the configured gateways'); others are answered Unsubscribe, unread. */
  allowSender?: (address: string | undefined) => boolean | Promise<boolean>;
  /** Told of each refused sender (the caller decides what to log, and how often). */
  onRefusedSender?: (address: string) => void;
}

/**
 * The Microsoft Exchange Notification Port: EWS push callbacks on any URL path, answered with
 * SendNotificationResult. Garbage gets HTTP 400 and never reaches the engine; a sender that is not a
 * configured gateway gets Unsubscribe without its body being read.
 */
export class NotificationListener {
  #server: Server | undefined;

  constructor(
    readonly onNotification: (n: PushNotification) => SubscriptionStatus,
    readonly options: NotificationListenerOptions = {},
  ) {}

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
    req.pause();
    const address = req.socket.remoteAddress;
    void Promise.resolve(this.options.allowSender?.(address) ?? true).then(
      (allowed) => (allowed ? this.#read(req, res) : this.#refuse(req, res, address)),
      () => this.#refuse(req, res, address),
    );
  }

  // Exchange stops pushing on Unsubscribe; the body is drained unread, so a flood costs no parsing.
  #refuse(req: IncomingMessage, res: ServerResponse, address: string | undefined): void {
    this.options.onRefusedSender?.(address ?? 'unknown');
    req.on('end', () => res.writeHead(200, RESULT_HEADERS).end(sendNotificationResultXml('Unsubscribe')));
    req.resume();
  }

  #read(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      if (res.headersSent) return;
      size += c.length;
      if (size > MAX_BODY) {
        chunks.length = 0;
        // Say close, and close: the rest of the body is never read.
        res.once('finish', () => req.socket.destroy());
        res.writeHead(413, { 'content-type': 'text/plain', connection: 'close' }).end('Notification too large.\n');
      } else chunks.push(c);
    });
    req.on('end', () => {
      if (res.headersSent) return;
      readSendNotification(Buffer.concat(chunks).toString('utf8'))
        .then((notifications) => {
          let status: SubscriptionStatus = 'OK';
          for (const n of notifications) if (this.onNotification(n) === 'Unsubscribe') status = 'Unsubscribe';
          res.writeHead(200, RESULT_HEADERS).end(sendNotificationResultXml(status));
        })
        .catch((err: Error) => {
          res
            .writeHead(400, { 'content-type': 'text/plain' })
            .end(`Not an EWS SendNotification: ${wireText(err.message)}\n`);
        });
    });
    req.resume();
  }
}
