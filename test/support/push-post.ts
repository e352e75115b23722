import { type IncomingHttpHeaders, request } from 'node:http';

export interface PushReply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** POST a body to a notification listener over plain HTTP, from a chosen local (loopback) address. */
export function pushPost(url: string, body: string, localAddress?: string): Promise<PushReply> {
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: 'POST',
      localAddress,
      agent: false,
      headers: { 'content-type': 'text/xml; charset=utf-8', 'content-length': Buffer.byteLength(body) },
    });
    req.on('error', reject);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
      );
      res.on('error', reject);
    });
    req.end(body);
  });
}

const SOAP = 'http://schemas.xmlsoap.org/soap/envelope/';
const M = 'http://schemas.microsoft.com/exchange/services/2006/messages';
const T = 'http://schemas.microsoft.com/exchange/services/2006/types';

/** A SendNotification as Exchange writes it (NotificationService.wsdl), written out by hand: a StatusEvent or an error. */
export function forgedNotification(subscriptionId: string, error?: 'ErrorReadEventsFailed'): string {
  const message = error
    ? `<m:SendNotificationResponseMessage ResponseClass="Error"><m:MessageText>forged</m:MessageText><m:ResponseCode>${error}</m:ResponseCode><m:Notification><t:SubscriptionId>${subscriptionId}</t:SubscriptionId></m:Notification></m:SendNotificationResponseMessage>`
    : `<m:SendNotificationResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode><m:Notification><t:SubscriptionId>${subscriptionId}</t:SubscriptionId><t:PreviousWatermark>AQAAAA==</t:PreviousWatermark><t:MoreEvents>false</t:MoreEvents><t:StatusEvent><t:Watermark>AQAAAA==</t:Watermark></t:StatusEvent></m:Notification></m:SendNotificationResponseMessage>`;
  return `<?xml version="1.0" encoding="utf-8"?><soap11:Envelope xmlns:soap11="${SOAP}"><soap11:Body><m:SendNotification xmlns:m="${M}" xmlns:t="${T}"><m:ResponseMessages>${message}</m:ResponseMessages></m:SendNotification></soap11:Body></soap11:Envelope>`;
}

/** The subscriber's answer, as the NotificationService schema spells it. */
export const UNSUBSCRIBE = /<(\w+:)?SubscriptionStatus>Unsubscribe<\/(\w+:)?SubscriptionStatus>/;
export const OK = /<(\w+:)?SubscriptionStatus>OK<\/(\w+:)?SubscriptionStatus>/;
