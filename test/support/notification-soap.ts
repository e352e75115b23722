import { parseXml } from '../../ews/soap-request.ts';
import type { PostReply } from './https-post.ts';

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
export async function subscribed(reply: PostReply): Promise<{ id: string; watermark: string | undefined }> {
  const root = await parseXml(reply.body);
  const message = root.at('Body', 'SubscribeResponse', 'ResponseMessages', 'SubscribeResponseMessage');
  const id = message?.textAt('SubscriptionId');
  if (!id) throw new Error(`Subscribe failed: HTTP ${reply.status} ${reply.body.slice(0, 400)}`);
  return { id, watermark: message?.textAt('Watermark') };
}
