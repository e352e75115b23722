import { EwsError } from '../../ews/errors.ts';
import { EXCHANGE_VERSIONS } from '../../ews/server-versions.ts';

/** A FindItem/FindFolder result page: its entries and the RootFolder attributes that describe it. */
export interface FindPage<T> {
  entries: T[];
  attrs: Record<string, number | boolean>;
}

/**
 * EWSFindCountLimit as Microsoft's "EWS throttling in Exchange" describes it: a find whose result exceeds the
 * limit fails with ErrorServerBusy when RequestServerVersion is Exchange 2010 or earlier (or absent: EWS then
 * reads the request as Exchange 2007); from Exchange 2010 SP1 on a paged request (IndexedPageItemView, for
 * FindFolder IndexedPageFolderView) gets a partial result set, IncludesLastItemInRange false, and the client
 * pages on. An unpaged one gets
 * ErrorExceededFindCountLimit ("a search operation call has exceeded the total number of items that can be
 * returned", the doc's error table); that it is this code rather than a partial set is our reading.
 */
export function applyFindCountLimit<T>(
  page: FindPage<T>,
  limit: number | null,
  requestVersion: string | undefined,
  paged: boolean,
  pagedView = 'IndexedPageItemView',
): FindPage<T> {
  if (limit === null || page.entries.length <= limit) return page;
  const sp1 = EXCHANGE_VERSIONS.indexOf('Exchange2010_SP1');
  const asked = requestVersion === undefined ? -1 : EXCHANGE_VERSIONS.indexOf(requestVersion as never);
  if (asked < sp1) {
    throw new EwsError('ErrorServerBusy', {
      message: `The server cannot service this request right now: the result (${page.entries.length} entries) exceeds EWSFindCountLimit ${limit}.`,
    });
  }
  if (!paged) {
    throw new EwsError('ErrorExceededFindCountLimit', {
      message: `The result (${page.entries.length} entries) exceeds EWSFindCountLimit ${limit}; use paging (${pagedView}).`,
    });
  }
  const entries = page.entries.slice(0, limit);
  const attrs: FindPage<T>['attrs'] = { ...page.attrs, IncludesLastItemInRange: false };
  if (typeof attrs.IndexedPagingOffset === 'number') {
    attrs.IndexedPagingOffset -= page.entries.length - limit;
  }
  return { entries, attrs };
}
