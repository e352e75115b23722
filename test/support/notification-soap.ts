import { parseXml } from '../../ews/soap-request.ts';
import type { MockExchange } from '../../mock-exchange/mock-exchange.ts';
import { type LabReply, postLab } from './lab-https.ts';
import { soapEnvelope } from './raw-ews.ts';

export interface EwsCallReply extends LabReply {
  /** ResponseCode of the first ResponseMessage, or of the SOAP fault's detail. */
  code: string | undefined;
}

/** POST one EWS operation over real HTTPS as any account (default: the impersonation account). */
export async function ewsCall(
  mock: MockExchange,
  operation: string,
  opts: { impersonate?: string; server?: string; auth?: { user: string; password: string } } = {},
): Promise<EwsCallReply> {
  const reply = await postLab(
    mock,
    '/EWS/Exchange.asmx',
    soapEnvelope(operation, { impersonate: opts.impersonate }),
    opts,
  );
  return { ...reply, code: await responseCode(reply.body) };
}

export async function responseCode(xml: string): Promise<string | undefined> {
  const start = xml.indexOf('<');
  const end = xml.indexOf('</Envelope>');
  const root = await parseXml(end > 0 ? xml.slice(start, end + '</Envelope>'.length) : xml.slice(start));
  const body = root.child('Body')?.children[0];
  if (body?.name === 'Fault') return body.textAt('detail', 'ResponseCode');
  return body?.child('ResponseMessages')?.children[0]?.textAt('ResponseCode');
}

const FOLDERS = '<t:FolderIds><t:DistinguishedFolderId Id="calendar"/></t:FolderIds>';
const TYPES = (types: string[]) =>
  `<t:EventTypes>${types.map((t) => `<t:EventType>${t}</t:EventType>`).join('')}</t:EventTypes>`;

export const subscribePull = (o: { watermark?: string; timeout?: string; types?: string[] } = {}) =>
  `<m:Subscribe><m:PullSubscriptionRequest>${FOLDERS}${TYPES(o.types ?? ['CreatedEvent'])}${o.watermark ? `<t:Watermark>${o.watermark}</t:Watermark>` : ''}<t:Timeout>${o.timeout ?? '30'}</t:Timeout></m:PullSubscriptionRequest></m:Subscribe>`;

export const subscribePush = (url: string, statusFrequency = 30) =>
  `<m:Subscribe><m:PushSubscriptionRequest>${FOLDERS}${TYPES(['CreatedEvent'])}<t:StatusFrequency>${statusFrequency}</t:StatusFrequency><t:URL>${url}</t:URL></m:PushSubscriptionRequest></m:Subscribe>`;

export const subscribeStreaming = () =>
  `<m:Subscribe><m:StreamingSubscriptionRequest>${FOLDERS}${TYPES(['CreatedEvent'])}</m:StreamingSubscriptionRequest></m:Subscribe>`;

export const getEvents = (id: string, watermark: string) =>
  `<m:GetEvents><m:SubscriptionId>${id}</m:SubscriptionId><m:Watermark>${watermark}</m:Watermark></m:GetEvents>`;

export const unsubscribe = (id: string) => `<m:Unsubscribe><m:SubscriptionId>${id}</m:SubscriptionId></m:Unsubscribe>`;

export const getStreamingEvents = (ids: string[], minutes = '1') =>
  `<m:GetStreamingEvents><m:SubscriptionIds>${ids.map((id) => `<t:SubscriptionId>${id}</t:SubscriptionId>`).join('')}</m:SubscriptionIds><m:ConnectionTimeout>${minutes}</m:ConnectionTimeout></m:GetStreamingEvents>`;

/** SubscriptionId and Watermark of a successful Subscribe reply. */
export async function subscribed(reply: LabReply): Promise<{ id: string; watermark: string | undefined }> {
  const root = await parseXml(reply.body);
  const message = root.at('Body', 'SubscribeResponse', 'ResponseMessages', 'SubscribeResponseMessage');
  const id = message?.textAt('SubscriptionId');
  if (!id) throw new Error(`Subscribe failed: HTTP ${reply.status} ${reply.body.slice(0, 400)}`);
  return { id, watermark: message?.textAt('Watermark') };
}
