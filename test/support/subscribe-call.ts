import { readXml } from '../../ews/soap-request.ts';
import type { OperationOutcome } from './operation-call.ts';

export type SubscribeRequestName =
  | 'PullSubscriptionRequest'
  | 'PushSubscriptionRequest'
  | 'StreamingSubscriptionRequest';

export const CALENDAR = '<t:FolderIds><t:DistinguishedFolderId Id="calendar"/></t:FolderIds>';
export const eventTypesXml = (...types: string[]) =>
  `<t:EventTypes>${types.map((t) => `<t:EventType>${t}</t:EventType>`).join('')}</t:EventTypes>`;
export const CREATED = eventTypesXml('CreatedEvent');

/** `<m:Subscribe>` around one request element with the given children (already in schema order) and attributes. */
export function subscribeXml(request: SubscribeRequestName, children: string, attrs = ''): string {
  return `<m:Subscribe><m:${request}${attrs ? ` ${attrs}` : ''}>${children}</m:${request}></m:Subscribe>`;
}

export const pullXml = (timeout = '30', folders = CALENDAR) =>
  subscribeXml('PullSubscriptionRequest', `${folders}${CREATED}<t:Timeout>${timeout}</t:Timeout>`);
export const pushXml = (statusFrequency = '30', url = 'https://imp.example.test:50020/notify') =>
  subscribeXml(
    'PushSubscriptionRequest',
    `${CALENDAR}${CREATED}<t:StatusFrequency>${statusFrequency}</t:StatusFrequency><t:URL>${url}</t:URL>`,
  );

/** What a SubscribeResponseMessage says; `undefined` fields are elements the message does not have. */
export interface SubscribeMessage {
  responseClass: string | undefined;
  code: string | undefined;
  messageText: string | undefined;
  subscriptionId: string | undefined;
  watermark: string | undefined;
  /** Child element names, in order. */
  children: string[];
}

/** The single SubscribeResponseMessage of a body outcome (throws on a fault, so the test shows it). */
export function subscribeMessage(outcome: OperationOutcome): SubscribeMessage {
  if (outcome.kind !== 'body')
    throw new Error(`expected a response body, got fault ${outcome.code}: ${outcome.message}`);
  const messages = readXml(outcome.xml).at('ResponseMessages')?.children ?? [];
  if (messages.length !== 1 || messages[0]?.name !== 'SubscribeResponseMessage')
    throw new Error(`expected one SubscribeResponseMessage in ${outcome.xml}`);
  const m = messages[0];
  return {
    responseClass: m.attr('ResponseClass'),
    code: m.textAt('ResponseCode'),
    messageText: m.textAt('MessageText'),
    subscriptionId: m.textAt('SubscriptionId'),
    watermark: m.textAt('Watermark'),
    children: m.children.map((c) => c.name),
  };
}
