import type { XmlElement } from '../../ews/xml-element.ts';
import { el, txt } from '../../ews/xml-writer.ts';
import { EwsCallError } from './ews-call-error.ts';
import type { EwsClient, EwsEndpoint } from './ews-client.ts';

export type FreeBusy = 'Free' | 'Tentative' | 'Busy' | 'OOF' | 'WorkingElsewhere' | 'NoData';

export interface CalendarBlock {
  id: string;
  subject: string;
  start: number;
  end: number;
  freeBusy: FreeBusy;
}

/** A calendar folder reference: the well-known name or a FolderId found by its display name. */
export type FolderRef = { distinguished: 'calendar' } | { id: string };

const folderIdXml = (f: FolderRef) =>
  'id' in f ? el('t:FolderId', { Id: f.id }) : el('t:DistinguishedFolderId', { Id: f.distinguished });

/** FolderIds and EventTypes of every calendar subscription the engine makes: created, modified, deleted. */
function calendarEvents(folder: FolderRef): string[] {
  return [
    el('t:FolderIds', null, folderIdXml(folder)),
    el('t:EventTypes', null, ...['CreatedEvent', 'ModifiedEvent', 'DeletedEvent'].map((e) => txt('t:EventType', e))),
  ];
}

/** The single ResponseMessage of a response; an Error class becomes an EwsCallError carrying its code. */
export function responseMessage(response: XmlElement): XmlElement {
  const msg = response.child('ResponseMessages')?.children[0];
  if (!msg) throw new EwsCallError('malformed', `<${response.name}> has no ResponseMessages`);
  if (msg.attr('ResponseClass') === 'Error') {
    const code = msg.textAt('ResponseCode') ?? 'ErrorInternalServerError';
    const v = msg
      .child('MessageXml')
      ?.all('Value')
      .find((x) => x.attr('Name') === 'BackOffMilliseconds');
    const backOff = v ? Number(v.text.trim()) : undefined;
    throw new EwsCallError('response', `${code}: ${msg.textAt('MessageText') ?? ''}`, {
      code,
      backOffMs: Number.isFinite(backOff) ? backOff : undefined,
    });
  }
  return msg;
}

/** Find the calendar folder by its display name under the mailbox root, as the gateway's locale word says. */
export async function findFolderByName(
  client: EwsClient,
  ep: EwsEndpoint,
  mailbox: string,
  displayName: string,
): Promise<string | undefined> {
  const body = el(
    'm:FindFolder',
    { Traversal: 'Deep' },
    el(
      'm:FolderShape',
      null,
      txt('t:BaseShape', 'IdOnly'),
      el('t:AdditionalProperties', null, el('t:FieldURI', { FieldURI: 'folder:DisplayName' })),
    ),
    el(
      'm:Restriction',
      null,
      el(
        't:IsEqualTo',
        null,
        el('t:FieldURI', { FieldURI: 'folder:DisplayName' }),
        el('t:FieldURIOrConstant', null, el('t:Constant', { Value: displayName })),
      ),
    ),
    el('m:ParentFolderIds', null, el('t:DistinguishedFolderId', { Id: 'msgfolderroot' })),
  );
  const msg = responseMessage(await client.call(ep, mailbox, body));
  const folders = msg.at('RootFolder', 'Folders')?.children ?? [];
  return folders[0]?.child('FolderId')?.attr('Id');
}

export async function subscribePush(
  client: EwsClient,
  ep: EwsEndpoint,
  mailbox: string,
  folder: FolderRef,
  url: string,
  statusFrequencyMinutes: number,
): Promise<{ subscriptionId: string; watermark: string | undefined }> {
  const body = el(
    'm:Subscribe',
    null,
    el(
      'm:PushSubscriptionRequest',
      null,
      ...calendarEvents(folder),
      txt('t:StatusFrequency', statusFrequencyMinutes),
      txt('t:URL', url),
    ),
  );
  const msg = responseMessage(await client.call(ep, mailbox, body));
  const subscriptionId = msg.textAt('SubscriptionId');
  if (!subscriptionId) throw new EwsCallError('malformed', 'SubscribeResponseMessage has no SubscriptionId');
  return { subscriptionId, watermark: msg.textAt('Watermark') };
}

export async function subscribePull(
  client: EwsClient,
  ep: EwsEndpoint,
  mailbox: string,
  folder: FolderRef,
  timeoutMinutes: number,
): Promise<{ subscriptionId: string; watermark: string }> {
  const body = el(
    'm:Subscribe',
    null,
    el('m:PullSubscriptionRequest', null, ...calendarEvents(folder), txt('t:Timeout', timeoutMinutes)),
  );
  const msg = responseMessage(await client.call(ep, mailbox, body));
  const subscriptionId = msg.textAt('SubscriptionId');
  const watermark = msg.textAt('Watermark');
  if (!subscriptionId || !watermark)
    throw new EwsCallError('malformed', 'SubscribeResponseMessage lacks SubscriptionId or Watermark');
  return { subscriptionId, watermark };
}

/** GetEvents: whether anything but a StatusEvent arrived, and the newest watermark. */
export async function getEvents(
  client: EwsClient,
  ep: EwsEndpoint,
  mailbox: string,
  subscriptionId: string,
  watermark: string,
): Promise<{ changed: boolean; watermark: string; more: boolean }> {
  const body = el('m:GetEvents', null, txt('m:SubscriptionId', subscriptionId), txt('m:Watermark', watermark));
  const msg = responseMessage(await client.call(ep, mailbox, body));
  const n = msg.child('Notification');
  const events = (n?.children ?? []).filter((c) => c.name.endsWith('Event'));
  const last = events[events.length - 1]?.textAt('Watermark') ?? watermark;
  return {
    changed: events.some((e) => e.name !== 'StatusEvent'),
    watermark: last,
    more: n?.textAt('MoreEvents') === 'true',
  };
}

export async function unsubscribe(
  client: EwsClient,
  ep: EwsEndpoint,
  mailbox: string,
  subscriptionId: string,
): Promise<void> {
  responseMessage(await client.call(ep, mailbox, el('m:Unsubscribe', null, txt('m:SubscriptionId', subscriptionId))));
}

/** FindItem with a CalendarView: every block (occurrences expanded) overlapping [start, end). */
export async function findCalendarView(
  client: EwsClient,
  ep: EwsEndpoint,
  mailbox: string,
  folder: FolderRef,
  start: number,
  end: number,
): Promise<CalendarBlock[]> {
  const body = el(
    'm:FindItem',
    { Traversal: 'Shallow' },
    el('m:ItemShape', null, txt('t:BaseShape', 'AllProperties')),
    el('m:CalendarView', {
      MaxEntriesReturned: 1000,
      StartDate: new Date(start).toISOString(),
      EndDate: new Date(end).toISOString(),
    }),
    el('m:ParentFolderIds', null, folderIdXml(folder)),
  );
  const msg = responseMessage(await client.call(ep, mailbox, body));
  const items = msg.at('RootFolder', 'Items')?.all('CalendarItem') ?? [];
  return items
    .map((it) => ({
      id: it.child('ItemId')?.attr('Id') ?? '',
      subject: it.textAt('Subject') ?? '',
      start: Date.parse(it.textAt('Start') ?? ''),
      end: Date.parse(it.textAt('End') ?? ''),
      // A meeting its organizer cancelled stays in an attendee's calendar until removed; it holds no time.
      freeBusy: (it.textAt('IsCancelled') === 'true'
        ? 'Free'
        : (it.textAt('LegacyFreeBusyStatus') ?? 'Busy')) as FreeBusy,
    }))
    .filter((b) => Number.isFinite(b.start) && Number.isFinite(b.end));
}

/**
 * A streaming subscription, made with the group's affinity when given (Microsoft's "Maintain affinity between a
 * group of subscriptions and the Mailbox server"): X-AnchorMailbox, X-PreferServerAffinity: true and the group's
 * X-BackEndOverrideCookie once known; returns the cookie a response sets.
 */
export async function subscribeStreaming(
  client: EwsClient,
  ep: EwsEndpoint,
  mailbox: string,
  folder: FolderRef,
  affinity?: NotificationAffinity,
): Promise<{ subscriptionId: string; backEndCookie?: string }> {
  const body = el('m:Subscribe', null, el('m:StreamingSubscriptionRequest', null, ...calendarEvents(folder)));
  let backEndCookie: string | undefined;
  const msg = responseMessage(
    await client.call(ep, mailbox, body, {
      headers: affinity && affinityHeaders(affinity),
      onResponseHeaders: (h) => {
        backEndCookie = backEndCookieFrom(h['set-cookie']);
      },
    }),
  );
  const subscriptionId = msg.textAt('SubscriptionId');
  if (!subscriptionId) throw new EwsCallError('malformed', 'SubscribeResponseMessage has no SubscriptionId');
  return { subscriptionId, backEndCookie };
}

/** The anchor mailbox of a group of subscriptions and the back-end cookie its Mailbox server set. */
export interface NotificationAffinity {
  anchorMailbox: string;
  backEndCookie?: string;
}

export function affinityHeaders(a: NotificationAffinity): Record<string, string> {
  return {
    'x-anchormailbox': a.anchorMailbox,
    'x-preferserveraffinity': 'true',
    ...(a.backEndCookie ? { cookie: `X-BackEndOverrideCookie=${a.backEndCookie}` } : {}),
  };
}

function backEndCookieFrom(setCookie: string[] | undefined): string | undefined {
  for (const line of setCookie ?? []) {
    const m = /^\s*X-BackEndOverrideCookie=([^;]*)/i.exec(line);
    if (m?.[1]) return m[1].trim();
  }
  return undefined;
}

export function getStreamingEventsBody(subscriptionIds: string[], connectionTimeoutMinutes: number): string {
  return el(
    'm:GetStreamingEvents',
    null,
    el('m:SubscriptionIds', null, ...subscriptionIds.map((id) => txt('t:SubscriptionId', id))),
    txt('m:ConnectionTimeout', connectionTimeoutMinutes),
  );
}
