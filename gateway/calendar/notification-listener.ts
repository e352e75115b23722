import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NS } from '../../ews/namespaces.ts';
import { parseXml } from '../../ews/soap-request.ts';
import { el, txt } from '../../ews/xml-writer.ts';

export interface PushNotification {
  subscriptionId: string;
  /** Event element names in order (CreatedEvent, ModifiedEvent, DeletedEvent, StatusEvent, ...). */
  events: string[];
  /** ResponseCode when Exchange pushed an error (ErrorReadEventsFailed). */
  error?: string;
}

/** The subscriber's answer: keep the subscription or end it. */
export type SubscriptionStatus = 'OK' | 'Unsubscribe';

const MAX_BODY = 1024 * 1024;

export function sendNotificationResult(status: SubscriptionStatus): string {
  return `<?xml version="1.0" encoding="utf-8"?>${el(
    'soap:Envelope',
    { 'xmlns:soap': NS.soap },
    el('soap:Body', null, el('m:SendNotificationResult', { 'xmlns:m': NS.m }, txt('m:SubscriptionStatus', status))),
  )}`;
}

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
      parseXml(Buffer.concat(chunks).toString('utf8'))
        .then((envelope) => {
          const send = envelope.child('Body')?.child('SendNotification');
          const messages = send?.child('ResponseMessages')?.children ?? [];
          if (!send || messages.length === 0) throw new Error('not a SendNotification');
          let status: SubscriptionStatus = 'OK';
          for (const m of messages) {
            const n = m.child('Notification');
            const subscriptionId =
              n?.textAt('SubscriptionId') ??
              m
                .child('MessageXml')
                ?.all('Value')
                .find((v) => v.attr('Name') === 'SubscriptionId')
                ?.text.trim();
            if (!subscriptionId) throw new Error('SendNotification without a SubscriptionId');
            const events = (n?.children ?? []).filter((c) => c.name.endsWith('Event')).map((c) => c.name);
            const error = m.attr('ResponseClass') === 'Error' ? m.textAt('ResponseCode') : undefined;
            if (this.onNotification({ subscriptionId, events, error }) === 'Unsubscribe') status = 'Unsubscribe';
          }
          res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' }).end(sendNotificationResult(status));
        })
        .catch((err: Error) => {
          res.writeHead(400, { 'content-type': 'text/plain' }).end(`Not an EWS SendNotification: ${err.message}\n`);
        });
    });
  }
}
