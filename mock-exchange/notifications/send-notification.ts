import { NS } from '../../ews/namespaces.ts';
import { parseXml } from '../../ews/soap-request.ts';
import { el, txt } from '../../ews/xml-writer.ts';
import { type NotificationBatch, notificationChildren } from './notification-xml.ts';

/** The SendNotification request Exchange POSTs to a push subscriber (NotificationService.wsdl). */
export function sendNotificationXml(batch: NotificationBatch, version = 'Exchange2013'): string {
  return `<?xml version="1.0" encoding="utf-8"?>${el(
    'soap11:Envelope',
    { 'xmlns:soap11': NS.soap },
    el('soap11:Header', null, el('t:RequestServerVersion', { 'xmlns:t': NS.t, Version: version })),
    el(
      'soap11:Body',
      null,
      el(
        'm:SendNotification',
        { 'xmlns:m': NS.m, 'xmlns:t': NS.t },
        el(
          'm:ResponseMessages',
          null,
          el(
            'm:SendNotificationResponseMessage',
            { ResponseClass: 'Success' },
            txt('m:ResponseCode', 'NoError'),
            el('m:Notification', null, notificationChildren(batch)),
          ),
        ),
      ),
    ),
  )}`;
}

export type SubscriptionStatus = 'OK' | 'Unsubscribe';

const ATTRS = `(?:\\s+[A-Za-z_][\\w:.-]*\\s*=\\s*(?:"[^"<&]*"|'[^'<&]*'))*\\s*`;
/**
 * The reply as subscribers write it (optional declaration, Envelope/Body/SendNotificationResult/SubscriptionStatus,
 * nothing else): a full match is well-formed, so it needs no general XML parse, which costs ~0.5 ms a reply.
 */
const CANONICAL_REPLY = new RegExp(
  `^\\s*(?:<\\?xml${ATTRS}\\?>\\s*)?<(\\w+:)?Envelope${ATTRS}>\\s*<(\\w+:)?Body${ATTRS}>\\s*` +
    `<(\\w+:)?SendNotificationResult${ATTRS}>\\s*<(\\w+:)?SubscriptionStatus${ATTRS}>(OK|Unsubscribe)</\\4SubscriptionStatus>\\s*` +
    '</\\3SendNotificationResult>\\s*</\\2Body>\\s*</\\1Envelope>\\s*$',
);

/** Read the subscriber's SendNotificationResult; throws an Error naming what is wrong with the reply. */
export async function parseSendNotificationResult(body: string): Promise<SubscriptionStatus> {
  const canonical = CANONICAL_REPLY.exec(body);
  if (canonical) return canonical[5] as SubscriptionStatus;
  if (body.trim() === '') throw new Error('the reply body is empty');
  let root: Awaited<ReturnType<typeof parseXml>>;
  try {
    root = await parseXml(body);
  } catch (err) {
    throw new Error(`the reply is not XML: ${(err as Error).message}`);
  }
  if (root.name !== 'Envelope') throw new Error(`the reply root is <${root.name}>, not a SOAP Envelope`);
  const result = root.at('Body', 'SendNotificationResult');
  if (!result) throw new Error('the reply has no Body/SendNotificationResult');
  const status = result.textAt('SubscriptionStatus');
  if (status === 'OK' || status === 'Unsubscribe') return status;
  throw new Error(`SubscriptionStatus is "${status ?? '(missing)'}", expected OK or Unsubscribe`);
}
