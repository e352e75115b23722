import { EwsError, fault } from '../../ews/errors.ts';
import { errorMessageFrom, responseMessages, successMessage } from '../../ews/soap-response.ts';
import type { XmlElement } from '../../ews/xml-element.ts';
import { el, txt } from '../../ews/xml-writer.ts';
import { type EwsContext, folderMailbox } from '../ews-context.ts';
import { compileFolderRestriction, type FolderPredicate, type FolderProperties } from '../folder-restriction.ts';
import type { EwsOperation } from '../operation.ts';
import type { Mailbox } from '../organization.ts';
import { calendarFolderXml } from './get-folder.ts';

type BaseShape = 'IdOnly' | 'Default' | 'AllProperties';
type FolderKind = 'root' | 'msgfolderroot' | 'calendar';

/** A folder of the modelled hierarchy: root > Top of Information Store (msgfolderroot) > calendar. */
interface MockFolder {
  kind: FolderKind;
  mbx: Mailbox;
}

const CHILDREN: Record<FolderKind, FolderKind[]> = {
  root: ['msgfolderroot'],
  msgfolderroot: ['calendar'],
  calendar: [],
};

/** Exchange names this folder the same in every language. */
const TOP_OF_INFORMATION_STORE = 'Top of Information Store';

function properties(f: MockFolder): FolderProperties {
  if (f.kind === 'calendar') {
    return {
      'folder:DisplayName': f.mbx.calendarFolderName,
      'folder:FolderClass': 'IPF.Appointment',
      'folder:TotalCount': f.mbx.calendar.size,
      'folder:ChildFolderCount': 0,
    };
  }
  return {
    'folder:DisplayName': TOP_OF_INFORMATION_STORE,
    'folder:FolderClass': undefined,
    'folder:TotalCount': 0,
    'folder:ChildFolderCount': 1,
  };
}

function folderXml(f: MockFolder, shape: BaseShape): string {
  const id = f.kind === 'calendar' ? f.mbx.calendarFolderId : f.mbx.rootFolderId;
  const tag = f.kind === 'calendar' ? 't:CalendarFolder' : 't:Folder';
  if (shape === 'IdOnly') return el(tag, null, el('t:FolderId', { Id: id, ChangeKey: 'AQAAAA==' }));
  if (shape === 'AllProperties' && f.kind === 'calendar') return calendarFolderXml(f.mbx);
  const p = properties(f);
  return el(
    tag,
    null,
    el('t:FolderId', { Id: id, ChangeKey: f.kind === 'calendar' ? 'AgAAABYAAAA' : 'AQAAAA==' }),
    shape === 'AllProperties' && txt('t:FolderClass', p['folder:FolderClass']),
    txt('t:DisplayName', p['folder:DisplayName']),
    txt('t:TotalCount', p['folder:TotalCount']),
    txt('t:ChildFolderCount', p['folder:ChildFolderCount']),
    f.kind !== 'calendar' && txt('t:UnreadCount', 0),
  );
}

function descendants(f: MockFolder, deep: boolean): MockFolder[] {
  const out: MockFolder[] = [];
  for (const kind of CHILDREN[f.kind]) {
    const child = { kind, mbx: f.mbx };
    out.push(child);
    if (deep) out.push(...descendants(child, true));
  }
  return out;
}

/** The parent folder named by a DistinguishedFolderId or FolderId; only the modelled hierarchy exists. */
function resolveParent(ctx: EwsContext, idEl: XmlElement): MockFolder {
  if (idEl.name === 'DistinguishedFolderId') {
    const id = idEl.attr('Id') ?? '';
    if (id !== 'root' && id !== 'msgfolderroot' && id !== 'calendar') {
      throw new EwsError('ErrorFolderNotFound', {
        message: `The distinguished folder "${id}" is not available in this mailbox.`,
      });
    }
    return { kind: id, mbx: folderMailbox(ctx, idEl) };
  }
  if (idEl.name === 'FolderId') {
    const id = idEl.attr('Id') ?? '';
    for (const mbx of ctx.org.mailboxes.values()) {
      const kind = mbx.rootFolderId === id ? 'msgfolderroot' : mbx.calendarFolderId === id ? 'calendar' : undefined;
      if (!kind) continue;
      const own = ctx.account.mailbox === mbx.address || ctx.mailbox?.address === mbx.address;
      if (!own && !ctx.org.canImpersonate(ctx.account, mbx)) throw new EwsError('ErrorAccessDenied');
      return { kind, mbx };
    }
    if (!/^[A-Za-z0-9+/=_-]+$/.test(id)) throw new EwsError('ErrorInvalidIdMalformed');
    throw new EwsError('ErrorFolderNotFound');
  }
  throw fault(
    'ErrorSchemaValidation',
    `The request failed schema validation: unexpected folder id element <${idEl.name}> in ParentFolderIds.`,
  );
}

interface Page {
  start: number;
  max: number;
  attrs: (returned: number, total: number) => Record<string, number | undefined>;
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
 * FindFolder under the modelled hierarchy. The calendar is a child of msgfolderroot (so a Shallow search
 * there finds it; from root it takes a Deep search), and a DisplayName restriction sees its localized name.
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
    const shapeText = body.textAt('FolderShape', 'BaseShape') ?? 'Default';
    const shape = (['IdOnly', 'Default', 'AllProperties'] as const).find((s) => s === shapeText);
    if (!shape) {
      throw fault(
        'ErrorSchemaValidation',
        `The request failed schema validation: BaseShape "${shapeText}" is unknown.`,
      );
    }
    const restriction = body.child('Restriction');
    const matches: FolderPredicate = restriction ? compileFolderRestriction(restriction) : () => true;
    const parents = body.child('ParentFolderIds')?.children ?? [];
    if (parents.length === 0) {
      throw fault(
        'ErrorSchemaValidation',
        'The request failed schema validation: FindFolder/ParentFolderIds is empty.',
      );
    }
    const messages = parents.map((idEl) => {
      try {
        const parent = resolveParent(ctx, idEl);
        // Nothing is ever soft-deleted in this mock.
        const found =
          traversal === 'SoftDeleted'
            ? []
            : descendants(parent, traversal === 'Deep').filter((f) => matches(properties(f)));
        const p = page(body, found.length);
        const shown = found.slice(p.start, p.start + p.max);
        const rootFolder = el(
          'm:RootFolder',
          {
            ...p.attrs(shown.length, found.length),
            TotalItemsInView: found.length,
            IncludesLastItemInRange: p.start + shown.length >= found.length,
          },
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
