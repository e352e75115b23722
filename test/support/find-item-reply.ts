import { readXml } from '../../ews/soap-request.ts';
import type { OperationOutcome } from './operation-call.ts';

/** One m:FindItemResponseMessage as a client reads it: its class and code, the error text, the page and its items. */
export interface FindItemMessage {
  responseClass: string | undefined;
  responseCode: string | undefined;
  messageText: string | undefined;
  /** m:RootFolder's paging attributes (IndexedPagingOffset, TotalItemsInView, IncludesLastItemInRange). */
  root: Readonly<Record<string, string>> | undefined;
  /** t:Subject of each t:CalendarItem, in answer order (empty strings for an IdOnly shape). */
  subjects: string[];
  /** t:ItemId@Id of each t:CalendarItem, in answer order. */
  ids: string[];
}

/**
 * A FindItem request in ews-javascript-api's shape: `view` is the paging element, `folders` ParentFolderIds' content,
 * `properties` the FieldURIs of AdditionalProperties, `extra` what goes between the view and ParentFolderIds
 * (Restriction, SortOrder).
 */
export function findItemRequest(
  view: string,
  opts: { folders?: string; shape?: string; properties?: string[]; traversal?: string; extra?: string } = {},
): string {
  const properties = opts.properties?.length
    ? `<t:AdditionalProperties>${opts.properties.map((uri) => `<t:FieldURI FieldURI="${uri}"/>`).join('')}</t:AdditionalProperties>`
    : '';
  return (
    `<m:FindItem Traversal="${opts.traversal ?? 'Shallow'}"><m:ItemShape><t:BaseShape>${opts.shape ?? 'Default'}</t:BaseShape>${properties}</m:ItemShape>` +
    `${view}${opts.extra ?? ''}<m:ParentFolderIds>${opts.folders ?? '<t:DistinguishedFolderId Id="calendar"/>'}</m:ParentFolderIds></m:FindItem>`
  );
}

/** The response messages of a FindItem that answered with a body; a fault fails the caller's test with its text. */
export function findItemMessages(outcome: OperationOutcome): FindItemMessage[] {
  if (outcome.kind !== 'body') throw new Error(`FindItem faulted: ${outcome.code}: ${outcome.message}`);
  const response = readXml(outcome.xml);
  return (response.child('ResponseMessages')?.all('FindItemResponseMessage') ?? []).map((m) => {
    const items = m.at('RootFolder', 'Items')?.all('CalendarItem') ?? [];
    return {
      responseClass: m.attr('ResponseClass'),
      responseCode: m.textAt('ResponseCode'),
      messageText: m.textAt('MessageText'),
      root: m.child('RootFolder')?.attrs,
      subjects: items.map((i) => i.textAt('Subject') ?? ''),
      ids: items.map((i) => i.child('ItemId')?.attr('Id') ?? ''),
    };
  });
}

/** The only response message of a FindItem on one folder. */
export function onlyFindItemMessage(outcome: OperationOutcome): FindItemMessage {
  const messages = findItemMessages(outcome);
  if (messages.length !== 1) throw new Error(`expected one FindItemResponseMessage, got ${messages.length}`);
  return messages[0] as FindItemMessage;
}
