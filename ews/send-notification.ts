import { NS } from './namespaces.ts';
import { parseXml } from './soap-request.ts';
import { el, txt } from './xml-writer.ts';

/**
 * The push notification exchange of NotificationService.wsdl, both ways: Exchange POSTs SendNotification,
 * the subscriber answers SendNotificationResult with OK (keep the subscription) or Unsubscribe.
 */
export type SubscriptionStatus = 'OK' | 'Unsubscribe';

/** One SendNotificationResponseMessage as a subscriber reads it. */
export interface PushNotification {
  subscriptionId: string;
  /** Event element names in order (CreatedEvent, ModifiedEvent, DeletedEvent, StatusEvent, ...). */
  events: string[];
  /** ResponseCode when Exchange pushed an error (ErrorReadEventsFailed). */
  error?: string;
}

/** The SendNotification request around one response message (the subscriber reads its children in order). */
function sendNotificationEnvelope(responseMessage: string, version: string): string {
  return `<?xml version="1.0" encoding="utf-8"?>${el(
    'soap11:Envelope',
    { 'xmlns:soap11': NS.soap },
    el('soap11:Header', null, el('t:RequestServerVersion', { 'xmlns:t': NS.t, Version: version })),
    el(
      'soap11:Body',
      null,
      el('m:SendNotification', { 'xmlns:m': NS.m, 'xmlns:t': NS.t }, el('m:ResponseMessages', null, responseMessage)),
    ),
  )}`;
}

/** The SendNotification request around one m:Notification's children (SubscriptionId, watermarks, events). */
export function sendNotificationXml(notificationChildren: string, version = 'Exchange2013'): string {
  return sendNotificationEnvelope(
    el(
      'm:SendNotificationResponseMessage',
      { ResponseClass: 'Success' },
      txt('m:ResponseCode', 'NoError'),
      el('m:Notification', null, notificationChildren),
    ),
    version,
  );
}

/**
 * The SendNotification Exchange pushes when it cannot read a subscription's events (ErrorReadEventsFailed):
 * an error message naming the subscription in MessageXml and no m:Notification, as the wire has it
 * (the schema makes Notification mandatory; the capture in Microsoft's ResponseCode reference shape lacks it).
 * With `notificationChildren` (ErrorMissedNotificationEvents: the subscription lives on) the message carries the
 * m:Notification the schema requires instead of MessageXml.
 */
export function sendNotificationErrorXml(
  code: string,
  message: string,
  subscriptionId: string,
  version = 'Exchange2013',
  notificationChildren?: string,
): string {
  return sendNotificationEnvelope(
    el(
      'm:SendNotificationResponseMessage',
      { ResponseClass: 'Error' },
      txt('m:MessageText', message),
      txt('m:ResponseCode', code),
      txt('m:DescriptiveLinkKey', 0),
      notificationChildren === undefined
        ? el('m:MessageXml', null, txt('t:Value', subscriptionId, { Name: 'SubscriptionId' }))
        : el('m:Notification', null, notificationChildren),
    ),
    version,
  );
}

/** Read a SendNotification request; throws an Error naming what makes it not one. */
export async function readSendNotification(body: string): Promise<PushNotification[]> {
  const envelope = await parseXml(body);
  const send = envelope.child('Body')?.child('SendNotification');
  const messages = send?.child('ResponseMessages')?.children ?? [];
  if (!send || messages.length === 0) throw new Error('not a SendNotification');
  return messages.map((m) => {
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
    return { subscriptionId, events, error };
  });
}

/** The subscriber's answer to a SendNotification. */
export function sendNotificationResultXml(status: SubscriptionStatus): string {
  return `<?xml version="1.0" encoding="utf-8"?>${el(
    'soap:Envelope',
    { 'xmlns:soap': NS.soap },
    el('soap:Body', null, el('m:SendNotificationResult', { 'xmlns:m': NS.m }, txt('m:SubscriptionStatus', status))),
  )}`;
}

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
