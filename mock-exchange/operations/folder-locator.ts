import { EwsError, fault } from '../../ews/errors.ts';
import type { XmlElement } from '../../ews/xml-element.ts';
import { type EwsContext, folderMailbox, requireMailbox } from '../ews-context.ts';
import { folderTree, type MailboxFolder } from '../folder-tree.ts';
import { DISTINGUISHED_FOLDER_IDS } from './distinguished-folder-ids.ts';

/**
 * The folder a DistinguishedFolderId or FolderId names, in the request's mailbox or the one its <t:Mailbox>
 * names. Ids Exchange knows but a mailbox lacks get Exchange's errors for them: public folders (none are
 * deployed), the archive (no mailbox here has one), and the rest of the schema's list (ErrorFolderNotFound).
 */
export function locateFolder(ctx: EwsContext, idEl: XmlElement): MailboxFolder {
  if (idEl.name === 'DistinguishedFolderId') {
    const id = idEl.attr('Id') ?? '';
    if (!DISTINGUISHED_FOLDER_IDS.has(id)) {
      throw fault(
        'ErrorSchemaValidation',
        `The request failed schema validation: The 'Id' attribute is invalid - The value '${id}' is invalid according to its datatype 'http://schemas.microsoft.com/exchange/services/2006/types:DistinguishedFolderIdNameType' - The Enumeration constraint failed.`,
      );
    }
    if (id === 'publicfoldersroot') {
      if (idEl.child('Mailbox')) {
        throw new EwsError('ErrorInvalidOperation', {
          message: 'It is not valid to specify a mailbox with the public folder root.',
        });
      }
      requireMailbox(ctx);
      throw new EwsError('ErrorNoPublicFolderReplicaAvailable');
    }
    const mbx = folderMailbox(ctx, idEl);
    const folder = folderTree(mbx).byDistinguishedId.get(id);
    if (!folder) throw new EwsError('ErrorFolderNotFound');
    return folder;
  }
  if (idEl.name === 'FolderId') {
    const id = idEl.attr('Id') ?? '';
    const own = ctx.mailbox;
    const mine = own && folderTree(own).byId.get(id);
    if (mine) return mine;
    for (const mbx of ctx.org.mailboxes.values()) {
      const folder = folderTree(mbx).byId.get(id);
      if (!folder) continue;
      if (ctx.org.canImpersonate(ctx.account, mbx) || ctx.account.mailbox === mbx.address) return folder;
      throw new EwsError('ErrorAccessDenied');
    }
    if (!/^[A-Za-z0-9+/=_-]+$/.test(id)) throw new EwsError('ErrorInvalidIdMalformed');
    throw new EwsError('ErrorFolderNotFound');
  }
  requireMailbox(ctx);
  throw fault(
    'ErrorSchemaValidation',
    `The request failed schema validation: unexpected folder id element <${idEl.name}>.`,
  );
}
