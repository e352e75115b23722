import { EwsError } from '../../ews/errors.ts';
import { errorMessageFrom, responseMessages, successMessage } from '../../ews/soap-response.ts';
import type { XmlElement } from '../../ews/xml-element.ts';
import { el } from '../../ews/xml-writer.ts';
import { type EwsContext, folderMailbox, requireMailbox } from '../ews-context.ts';
import type { EwsOperation } from '../operation.ts';
import type { Mailbox } from '../organization.ts';
import { folderIdMailbox, locateFolder } from './folder-locator.ts';
import { folderXml, parseFolderShape } from './folder-xml.ts';

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
    const { mailbox, id } = folderIdMailbox(ctx, idEl.attr('Id'));
    if (mailbox?.calendarFolderId === id) return mailbox;
    throw new EwsError('ErrorFolderNotFound');
  }
  requireMailbox(ctx);
  throw new EwsError('ErrorSchemaValidation', { message: `Unexpected folder id element <${idEl.name}>.` });
}

/** GetFolder over the whole folder tree: one response message per folder id, in request order. */
export const GetFolder: EwsOperation = {
  name: 'GetFolder',
  handle(ctx) {
    const body = ctx.request.body;
    const shape = parseFolderShape(body.child('FolderShape'), 'GetFolder');
    const ids = body.child('FolderIds')?.children ?? [];
    if (ids.length === 0)
      throw new EwsError('ErrorInvalidRequest', { message: 'GetFolder needs at least one folder id.' });
    const messages = ids.map((idEl) => {
      try {
        const folder = locateFolder(ctx, idEl);
        return successMessage('GetFolderResponseMessage', el('m:Folders', null, folderXml(folder, shape)));
      } catch (err) {
        if (err instanceof EwsError && err.level === 'message')
          return errorMessageFrom('GetFolderResponseMessage', err);
        throw err;
      }
    });
    return responseMessages('GetFolder', ...messages);
  },
};
