import { el, ewsDateTime, txt } from '../../ews/xml-writer.ts';
import type { ChangeEvent } from './change-log.ts';

/** Change key Exchange shows for a folder in events (the folder's own change key is not tracked). */
export const FOLDER_CHANGE_KEY = 'AQAAAA==';

/** One t:CreatedEvent / t:ModifiedEvent / t:DeletedEvent in schema order (BaseObjectChangedEventType). */
export function eventXml(e: ChangeEvent): string {
  const idTag = e.target.kind === 'item' ? 't:ItemId' : 't:FolderId';
  return el(
    `t:${e.type}`,
    null,
    txt('t:Watermark', e.watermark),
    txt('t:TimeStamp', ewsDateTime(e.at)),
    el(idTag, { Id: e.target.id, ChangeKey: e.target.changeKey }),
    el('t:ParentFolderId', { Id: e.parentFolderId, ChangeKey: FOLDER_CHANGE_KEY }),
    e.type === 'ModifiedEvent' && e.target.kind === 'folder' ? txt('t:UnreadCount', 0) : '',
  );
}

export function statusEventXml(watermark: string): string {
  return el('t:StatusEvent', null, txt('t:Watermark', watermark));
}

/** The events of one notification: the change events, or a StatusEvent when there are none. */
export interface NotificationBatch {
  subscriptionId: string;
  previousWatermark: string;
  moreEvents: boolean;
  events: ChangeEvent[];
  /** Watermark of the StatusEvent sent when `events` is empty. */
  statusWatermark: string;
}

/** The children of a pull/push m:Notification: SubscriptionId, PreviousWatermark, MoreEvents, events. */
export function notificationChildren(b: NotificationBatch): string {
  return [
    txt('t:SubscriptionId', b.subscriptionId),
    txt('t:PreviousWatermark', b.previousWatermark),
    txt('t:MoreEvents', b.moreEvents),
    b.events.length ? b.events.map(eventXml).join('') : statusEventXml(b.statusWatermark),
  ].join('');
}
