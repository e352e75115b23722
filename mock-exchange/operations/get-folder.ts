import { EwsError } from '../../ews/errors.ts';
import { errorMessageFrom, responseMessages, successMessage } from '../../ews/soap-response.ts';
import type { XmlElement } from '../../ews/xml-element.ts';
import { el, txt } from '../../ews/xml-writer.ts';
import { type EwsContext, folderMailbox, requireMailbox } from '../ews-context.ts';
import type { EwsOperation } from '../operation.ts';
import type { Mailbox } from '../organization.ts';

/** The calendar folder of a mailbox, with its localized DisplayName, as t:CalendarFolder. */
export function calendarFolderXml(mbx: Mailbox): string {
  return el(
    't:CalendarFolder',
    null,
    el('t:FolderId', { Id: mbx.calendarFolderId, ChangeKey: 'AgAAABYAAAA' }),
    el('t:ParentFolderId', { Id: mbx.rootFolderId, ChangeKey: 'AQAAAA==' }),
    txt('t:FolderClass', 'IPF.Appointment'),
    txt('t:DisplayName', mbx.calendarFolderName),
    txt('t:TotalCount', mbx.calendar.size),
    txt('t:ChildFolderCount', 0),
    el(
      't:EffectiveRights',
      null,
      txt('t:CreateAssociated', true),
      txt('t:CreateContents', true),
      txt('t:CreateHierarchy', true),
      txt('t:Delete', true),
      txt('t:Modify', true),
      txt('t:Read', true),
      txt('t:ViewPrivateItems', true),
    ),
  );
}

/**
 * Resolve a folder id element (DistinguishedFolderId or FolderId) to a mailbox whose calendar it is.
 * Only the calendar exists in this mock; anything else is ErrorFolderNotFound.
 */
export function resolveCalendarFolder(ctx: EwsContext, idEl: XmlElement): Mailbox {
  if (idEl.name === 'DistinguishedFolderId') {
    const id = idEl.attr('Id');
    if (id !== 'calendar') {
      throw new EwsError('ErrorFolderNotFound', {
        message: `The distinguished folder "${id}" is not available in this mailbox.`,
      });
    }
    return folderMailbox(ctx, idEl);
  }
  if (idEl.name === 'FolderId') {
    const id = idEl.attr('Id') ?? '';
    const own = ctx.mailbox;
    if (own && own.calendarFolderId === id) return own;
    for (const mbx of ctx.org.mailboxes.values()) {
      if (mbx.calendarFolderId === id) {
        if (ctx.org.canImpersonate(ctx.account, mbx) || ctx.account.mailbox === mbx.address) return mbx;
        throw new EwsError('ErrorAccessDenied');
      }
    }
    if (!/^[A-Za-z0-9+/=_-]+$/.test(id)) throw new EwsError('ErrorInvalidIdMalformed');
    throw new EwsError('ErrorFolderNotFound');
  }
  requireMailbox(ctx);
  throw new EwsError('ErrorSchemaValidation', { message: `Unexpected folder id element <${idEl.name}>.` });
}

export const GetFolder: EwsOperation = {
  name: 'GetFolder',
  handle(ctx) {
    const ids = ctx.request.body.child('FolderIds')?.children ?? [];
    if (ids.length === 0)
      throw new EwsError('ErrorInvalidRequest', { message: 'GetFolder needs at least one folder id.' });
    const messages = ids.map((idEl) => {
      try {
        const mbx = resolveCalendarFolder(ctx, idEl);
        return successMessage('GetFolderResponseMessage', el('m:Folders', null, calendarFolderXml(mbx)));
      } catch (err) {
        if (err instanceof EwsError && err.level === 'message')
          return errorMessageFrom('GetFolderResponseMessage', err);
        throw err;
      }
    });
    return responseMessages('GetFolder', ...messages);
  },
};
