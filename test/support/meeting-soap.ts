import { expect } from 'vitest';
import { parseXml } from '../../ews/soap-request.ts';
import type { XmlElement } from '../../ews/xml-element.ts';
import type { MockExchange } from '../../mock-exchange/mock-exchange.ts';
import { postEws } from './https-post.ts';
import { soapEnvelope } from './soap-envelope.ts';

/** A response body a test keeps, to validate against the EWS schema at the end. */
export interface KeptBody {
  name: string;
  xml: string;
}

/**
 * One EWS operation as the mailbox `as` (impersonated), expecting HTTP 200; the body's response element. A `keep`
 * name stores the body in `kept`.
 */
export async function callAs(
  mock: MockExchange,
  as: string,
  operation: string,
  keep?: string,
  kept?: KeptBody[],
): Promise<XmlElement> {
  const res = await postEws(mock, soapEnvelope(operation, { impersonate: as }));
  expect(res.status).toBe(200);
  if (keep) kept?.push({ name: keep, xml: res.body });
  const root = await parseXml(res.body);
  return root.at('Body')?.children[0] as XmlElement;
}

export const message = (response: XmlElement) => response.child('ResponseMessages')?.children[0] as XmlElement;
export const code = (response: XmlElement) => message(response).textAt('ResponseCode');
export const itemId = (response: XmlElement) =>
  message(response).at('Items', 'CalendarItem', 'ItemId')?.attr('Id') ?? '';

/** FindItem over the calendar for 8 and 9 May 2030, where the meeting tests put their meetings. */
export const CALENDAR_VIEW =
  '<m:FindItem Traversal="Shallow"><m:ItemShape><t:BaseShape>AllProperties</t:BaseShape></m:ItemShape>' +
  '<m:CalendarView StartDate="2030-05-08T00:00:00Z" EndDate="2030-05-10T00:00:00Z"/>' +
  '<m:ParentFolderIds><t:DistinguishedFolderId Id="calendar"/></m:ParentFolderIds></m:FindItem>';

/** A meeting response object (AcceptItem, DeclineItem, CancelCalendarItem...) referring to an item. */
export const responseObject = (name: string, id: string, disposition = 'SendAndSaveCopy') =>
  `<m:CreateItem MessageDisposition="${disposition}"><m:Items><t:${name}><t:ReferenceItemId Id="${id}"/></t:${name}></m:Items></m:CreateItem>`;

/** The calendar items of a mailbox's view whose UID is `uid` (the view's body kept as `keep`). */
export async function copiesIn(
  mock: MockExchange,
  mailbox: string,
  uid: string,
  keep?: string,
  kept?: KeptBody[],
): Promise<XmlElement[]> {
  const view = message(await callAs(mock, mailbox, CALENDAR_VIEW, keep, kept));
  return (view.at('RootFolder', 'Items')?.all('CalendarItem') ?? []).filter((i) => i.textAt('UID') === uid);
}
