import { parseXml } from '../../ews/soap-request.ts';
import type { XmlElement } from '../../ews/xml-element.ts';

/** The parts of a pull/push m:Notification a test looks at. */
export interface ParsedNotification {
  subscriptionId: string;
  previousWatermark: string | undefined;
  moreEvents: boolean;
  /** [element name, item or folder id, watermark] per event, in document order. */
  events: [string, string, string][];
}

export function readNotification(notification: XmlElement): ParsedNotification {
  return {
    subscriptionId: notification.textAt('SubscriptionId') ?? '',
    previousWatermark: notification.textAt('PreviousWatermark'),
    moreEvents: notification.textAt('MoreEvents') === 'true',
    events: notification.children
      .filter((c) => c.name.endsWith('Event'))
      .map((e) => [
        e.name,
        e.child('ItemId')?.attr('Id') ?? e.child('FolderId')?.attr('Id') ?? '',
        e.textAt('Watermark') ?? '',
      ]),
  };
}

/** The m:Notification inside a SendNotification request a push subscriber received. */
export async function readSendNotification(body: string): Promise<ParsedNotification> {
  const root = await parseXml(body);
  const message = root.at('Body', 'SendNotification', 'ResponseMessages', 'SendNotificationResponseMessage');
  const notification = message?.child('Notification');
  if (message?.attr('ResponseClass') !== 'Success' || !notification) {
    throw new Error(`not a successful SendNotification: ${body.slice(0, 300)}`);
  }
  return readNotification(notification);
}
