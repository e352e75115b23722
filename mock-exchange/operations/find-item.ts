import { EwsError } from '../../ews/errors.ts';
import { responseMessages, successMessage } from '../../ews/soap-response.ts';
import type { XmlElement } from '../../ews/xml-element.ts';
import { el } from '../../ews/xml-writer.ts';
import type { CalendarEntry } from '../calendar.ts';
import type { EwsContext } from '../ews-context.ts';
import type { EwsOperation } from '../operation.ts';
import type { Mailbox } from '../organization.ts';
import { applyFindCountLimit } from '../throttling/find-count-limit.ts';
import { calendarItemsXml, isGetItemOnlyField } from './calendar-item-xml.ts';
import { locateFolder } from './folder-locator.ts';
import { resolveCalendarFolder } from './get-folder.ts';
import { itemMessage } from './item-message.ts';
import { compileItemRestriction, compileSortOrder } from './item-restriction.ts';
import { type ItemShape, parseItemShape } from './item-shape.ts';
import { parseDateTime, parseEnum, parseInteger, schemaError } from './request-values.ts';

const TRAVERSALS = ['Shallow', 'SoftDeleted', 'Deep', 'Associated'] as const;
const UNSUPPORTED_PARTS = ['GroupBy', 'DistinguishedGroupBy', 'QueryString'];

/** The page of entries one folder answers with, and the RootFolder paging attributes that describe it. */
interface Page {
  entries: CalendarEntry[];
  attrs: Record<string, number | boolean>;
}

/** The latest EndDate a CalendarView starting at `start` may have: two calendar years later (UTC). */
export function calendarViewLimit(start: number): number {
  const d = new Date(start);
  d.setUTCFullYear(d.getUTCFullYear() + 2);
  return d.getTime();
}

function calendarViewPage(view: XmlElement, entriesIn: (from: number, to: number) => CalendarEntry[]): Page {
  const start = parseDateTime(view.attr('StartDate'), 'FindItem/CalendarView@StartDate');
  const end = parseDateTime(view.attr('EndDate'), 'FindItem/CalendarView@EndDate');
  const maxAttr = view.attr('MaxEntriesReturned');
  const max = maxAttr === undefined ? undefined : parseInteger(maxAttr, 'FindItem/CalendarView@MaxEntriesReturned');
  if (max !== undefined && max < 1) {
    throw new EwsError('ErrorInvalidPagingMaxRows', {
      message: `CalendarView MaxEntriesReturned must be greater than zero, not ${max}.`,
    });
  }
  if (end < start) {
    throw new EwsError('ErrorCalendarEndDateIsEarlierThanStartDate', {
      message: `CalendarView EndDate ${view.attr('EndDate')} is earlier than StartDate ${view.attr('StartDate')}.`,
    });
  }
  if (end > calendarViewLimit(start)) throw new EwsError('ErrorCalendarViewRangeTooBig');
  const all = entriesIn(start, end);
  const entries = max === undefined ? all : all.slice(0, max);
  // TotalItemsInView counts the whole range; MoreAvailable (IncludesLastItemInRange=false) tells a client to narrow it.
  return { entries, attrs: { TotalItemsInView: all.length, IncludesLastItemInRange: entries.length === all.length } };
}

/** Without CalendarView, Exchange lists single items and recurring masters, unexpanded. */
function unexpandedEntries(mbx: Mailbox): CalendarEntry[] {
  return mbx.calendar
    .items()
    .sort((a, b) => a.start - b.start || (a.id < b.id ? -1 : 1))
    .map((item) => ({ item, id: item.id, start: item.start, end: item.end, type: 'Single' as const }));
}

function indexedPage(view: XmlElement, all: CalendarEntry[]): Page {
  const where = 'FindItem/IndexedPageItemView';
  const offset = parseInteger(view.attr('Offset'), `${where}@Offset`);
  const basePoint = parseEnum(view.attr('BasePoint'), ['Beginning', 'End'] as const, `${where}@BasePoint`);
  const maxAttr = view.attr('MaxEntriesReturned');
  const max = maxAttr === undefined ? undefined : parseInteger(maxAttr, `${where}@MaxEntriesReturned`);
  if (offset < 0) {
    throw new EwsError('ErrorInvalidIndexedPagingParameters', { message: `${where}@Offset must not be negative.` });
  }
  if (max !== undefined && max < 1) {
    throw new EwsError('ErrorInvalidPagingMaxRows', {
      message: `${where}@MaxEntriesReturned must be greater than zero.`,
    });
  }
  const total = all.length;
  const count = Math.max(0, Math.min(max ?? total, total - offset));
  const from = basePoint === 'Beginning' ? offset : Math.max(0, total - offset - count);
  const entries = all.slice(from, from + count);
  const includesLast = basePoint === 'Beginning' ? from + count >= total : from === 0;
  return {
    entries,
    attrs: {
      IndexedPagingOffset: offset + entries.length,
      TotalItemsInView: total,
      IncludesLastItemInRange: includesLast,
    },
  };
}

/** `mbx` is the mailbox whose calendar the folder is; undefined for a folder that holds no items here. */
function page(body: XmlElement, traversal: (typeof TRAVERSALS)[number], mbx: Mailbox | undefined): Page {
  // A calendar has no subfolders (Deep = Shallow) and this mock keeps no soft-deleted or associated items.
  const none = traversal === 'SoftDeleted' || traversal === 'Associated' || mbx === undefined;
  const sortEl = body.child('SortOrder');
  // Only a request that names a SortOrder pays for one: the view's own order (by start) is the default.
  const sorted = sortEl
    ? (
        (order) => (entries: CalendarEntry[]) =>
          [...entries].sort(order)
      )(compileSortOrder(sortEl))
    : (entries: CalendarEntry[]) => entries;
  const calendarView = body.child('CalendarView');
  if (calendarView)
    return calendarViewPage(calendarView, (from, to) => (none ? [] : sorted(mbx.calendar.view(from, to))));
  const restriction = body.child('Restriction');
  const matches = restriction ? compileItemRestriction(restriction) : undefined;
  const all = none ? [] : unexpandedEntries(mbx);
  const unexpanded = sorted(matches ? all.filter(matches) : all);
  const indexed = body.child('IndexedPageItemView');
  if (indexed) return indexedPage(indexed, unexpanded);
  return { entries: unexpanded, attrs: { TotalItemsInView: unexpanded.length, IncludesLastItemInRange: true } };
}

/**
 * The mailbox whose calendar a parent folder id names, or undefined for any other folder (empty here).
 * The calendar by DistinguishedFolderId or by the own calendar's FolderId is answered without a tree lookup.
 */
function parentCalendar(ctx: EwsContext, folderEl: XmlElement, calendarView: boolean): Mailbox | undefined {
  if (folderEl.name === 'DistinguishedFolderId' && folderEl.attr('Id') === 'calendar')
    return resolveCalendarFolder(ctx, folderEl);
  if (folderEl.name === 'FolderId' && ctx.mailbox && folderEl.attr('Id') === ctx.mailbox.calendarFolderId)
    return ctx.mailbox;
  const folder = locateFolder(ctx, folderEl);
  if (folder.distinguishedId === 'calendar') return folder.mailbox;
  if (calendarView && folder.element !== 'CalendarFolder') {
    throw new EwsError('ErrorCalendarFolderIsInvalidForCalendarView', {
      message: `CalendarView needs a calendar folder; "${folder.displayName}" is not one.`,
    });
  }
  return undefined;
}

function checkSupported(body: XmlElement, shape: ItemShape): void {
  if (body.child('CalendarView') && body.child('Restriction')) {
    throw new EwsError('ErrorInvalidRestriction', {
      message: 'The restriction is invalid: a CalendarView cannot be combined with a Restriction.',
    });
  }
  const part = body.children.find((c) => UNSUPPORTED_PARTS.includes(c.name));
  if (part) {
    throw new EwsError('ErrorInvalidRequest', {
      message: `FindItem/${part.name} is not supported by this mock Exchange; request a CalendarView and filter client-side.`,
    });
  }
  const view = body.children.find(
    (c) => c.name.endsWith('View') && c.name !== 'CalendarView' && c.name !== 'IndexedPageItemView',
  );
  if (view) {
    throw new EwsError('ErrorInvalidRequest', {
      message: `FindItem/${view.name} is not supported by this mock Exchange; use CalendarView or IndexedPageItemView.`,
    });
  }
  const bodyOnly = [...shape.additional].find(isGetItemOnlyField);
  if (bodyOnly) {
    throw new EwsError('ErrorInvalidPropertyRequest', {
      message: `The property ${bodyOnly} cannot be used in FindItem requests; use GetItem.`,
    });
  }
}

/**
 * FindItem on any folder (only calendars hold items here; other folders answer NoError with none): with CalendarView, singles and expanded occurrences overlapping
 * [StartDate, EndDate); otherwise singles and recurring masters. One response message per parent folder.
 */
export const FindItem: EwsOperation = {
  name: 'FindItem',
  handle(ctx) {
    const body = ctx.request.body;
    const traversal = parseEnum(body.attr('Traversal'), TRAVERSALS, 'FindItem@Traversal');
    const shape = parseItemShape(body.child('ItemShape'), 'FindItem');
    checkSupported(body, shape);
    const folders = body.child('ParentFolderIds')?.children ?? [];
    if (folders.length === 0) throw schemaError('FindItem/ParentFolderIds', 'must hold at least one folder id');
    const messages = folders.map((folderEl) =>
      itemMessage(
        'FindItemResponseMessage',
        () => {
          const mbx = parentCalendar(ctx, folderEl, body.child('CalendarView') !== undefined);
          const { entries, attrs } = applyFindCountLimit(
            page(body, traversal, mbx),
            ctx.server.throttling.EWSFindCountLimit,
            ctx.request.requestServerVersion,
            body.child('IndexedPageItemView') !== undefined,
          );
          const items = mbx ? calendarItemsXml(entries, mbx, ctx.org, shape, 'FindItem') : [];
          return successMessage('FindItemResponseMessage', el('m:RootFolder', attrs, el('t:Items', null, items)));
        },
        false,
      ),
    );
    return responseMessages('FindItem', ...messages);
  },
};
