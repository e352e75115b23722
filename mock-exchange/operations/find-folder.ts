import { EwsError, fault } from '../../ews/errors.ts';
import { errorMessageFrom, responseMessages, successMessage } from '../../ews/soap-response.ts';
import type { XmlElement } from '../../ews/xml-element.ts';
import { el } from '../../ews/xml-writer.ts';
import { compileFolderRestriction, type FolderPredicate } from '../folder-restriction.ts';
import { folderDescendants } from '../folder-tree.ts';
import type { EwsOperation } from '../operation.ts';
import { applyFindCountLimit } from '../throttling/find-count-limit.ts';
import { extendedRestrictionKeys } from './extended-property.ts';
import { locateFolder } from './folder-locator.ts';
import { folderProperties, folderXml, parseFolderShape } from './folder-xml.ts';

interface Page {
  start: number;
  max: number;
  attrs: (returned: number, total: number) => Record<string, number>;
}

/** IndexedPageFolderView or FractionalPageFolderView; without one, every folder in one page. */
function page(body: XmlElement, total: number): Page {
  const int = (v: string | undefined, what: string, fallback: number) => {
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) {
      throw fault('ErrorSchemaValidation', `The request failed schema validation: ${what} "${v}" is not a count.`);
    }
    return n;
  };
  const indexed = body.child('IndexedPageFolderView');
  if (indexed) {
    const max = int(indexed.attr('MaxEntriesReturned'), 'IndexedPageFolderView/@MaxEntriesReturned', total);
    const offset = int(indexed.attr('Offset'), 'IndexedPageFolderView/@Offset', 0);
    const fromEnd = indexed.attr('BasePoint') === 'End';
    const start = fromEnd ? Math.max(0, total - offset - max) : offset;
    return { start, max, attrs: (n) => ({ IndexedPagingOffset: fromEnd ? offset + n : start + n }) };
  }
  const fractional = body.child('FractionalPageFolderView');
  if (fractional) {
    const num = int(fractional.attr('Numerator'), 'FractionalPageFolderView/@Numerator', 0);
    const den = int(fractional.attr('Denominator'), 'FractionalPageFolderView/@Denominator', 1);
    if (den === 0 || num > den)
      throw fault('ErrorInvalidRequest', 'FractionalPageFolderView needs 0 <= Numerator <= Denominator > 0.');
    const max = int(fractional.attr('MaxEntriesReturned'), 'FractionalPageFolderView/@MaxEntriesReturned', total);
    const start = Math.floor((total * num) / den);
    return { start, max, attrs: (n, t) => ({ NumeratorOffset: start + n, AbsoluteDenominator: t }) };
  }
  return { start: 0, max: total, attrs: () => ({}) };
}

/**
 * FindFolder over the mailbox's folder tree: Shallow lists the children, Deep every folder below, in tree order;
 * a restriction sees the localized display names.
 */
export const FindFolder: EwsOperation = {
  name: 'FindFolder',
  handle(ctx) {
    const body = ctx.request.body;
    const traversal = body.attr('Traversal');
    if (traversal !== 'Shallow' && traversal !== 'Deep' && traversal !== 'SoftDeleted') {
      throw fault(
        'ErrorSchemaValidation',
        `The request failed schema validation: FindFolder/@Traversal "${traversal ?? ''}" must be Shallow, Deep or SoftDeleted.`,
      );
    }
    const shape = parseFolderShape(body.child('FolderShape'), 'FindFolder');
    const restriction = body.child('Restriction');
    const ext = extendedRestrictionKeys();
    const matches: FolderPredicate = restriction ? compileFolderRestriction(restriction, ext.resolve) : () => true;
    const parents = body.child('ParentFolderIds')?.children ?? [];
    if (parents.length === 0) {
      throw fault(
        'ErrorSchemaValidation',
        'The request failed schema validation: FindFolder/ParentFolderIds is empty.',
      );
    }
    const messages = parents.map((idEl) => {
      try {
        const parent = locateFolder(ctx, idEl);
        // Nothing is ever soft-deleted in this mock.
        const found =
          traversal === 'SoftDeleted'
            ? []
            : folderDescendants(parent, traversal === 'Deep').filter((f) => matches(folderProperties(f, ext.keys)));
        const p = page(body, found.length);
        const slice = found.slice(p.start, p.start + p.max);
        const { entries: shown, attrs } = applyFindCountLimit(
          {
            entries: slice,
            attrs: {
              ...p.attrs(slice.length, found.length),
              TotalItemsInView: found.length,
              IncludesLastItemInRange: p.start + slice.length >= found.length,
            },
          },
          ctx.server.throttling.EWSFindCountLimit,
          ctx.request.requestServerVersion,
          body.child('IndexedPageFolderView') !== undefined,
          'IndexedPageFolderView',
        );
        const rootFolder = el(
          'm:RootFolder',
          attrs,
          el(
            't:Folders',
            null,
            shown.map((f) => folderXml(f, shape)),
          ),
        );
        return successMessage('FindFolderResponseMessage', rootFolder);
      } catch (err) {
        if (err instanceof EwsError && err.level === 'message')
          return errorMessageFrom('FindFolderResponseMessage', err);
        throw err;
      }
    });
    return responseMessages('FindFolder', ...messages);
  },
};
