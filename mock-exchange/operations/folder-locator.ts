import { EwsError, fault } from '../../ews/errors.ts';
import type { XmlElement } from '../../ews/xml-element.ts';
import { type EwsContext, folderMailbox, requireMailbox } from '../ews-context.ts';
import { folderTree, type MailboxFolder } from '../folder-tree.ts';
import { parseEwsId } from '../ids/mailbox-ids.ts';
import type { Mailbox } from '../organization.ts';
import { DISTINGUISHED_FOLDER_IDS } from './distinguished-folder-ids.ts';

/**
 * The mailbox a FolderId's EwsId names, if the caller may open it (undefined: no such mailbox here), and the
 * canonical id to look the folder up by. Ids that are not EwsIds are ErrorInvalidIdMalformed.
 */
export function folderIdMailbox(ctx: EwsContext, raw: string | undefined): { mailbox?: Mailbox; id: string } {
  if (raw === undefined || raw.trim() === '') throw new EwsError('ErrorInvalidIdEmpty');
  const parsed = parseEwsId(raw);
  if (!parsed) throw new EwsError('ErrorInvalidIdMalformed', { message: `FolderId "${raw}" is malformed.` });
  if (parsed.kind !== 'folder')
    throw new EwsError('ErrorCannotUseItemIdForFolderId', { message: `FolderId "${raw}" is an item id.` });
  const mbx = ctx.org.mailboxByGuid(parsed.mailboxGuid);
  if (!mbx) return { id: parsed.id };
  if (mbx !== ctx.mailbox && !ctx.org.canImpersonate(ctx.account, mbx) && ctx.account.mailbox !== mbx.address)
    throw new EwsError('ErrorAccessDenied');
  return { mailbox: mbx, id: parsed.id };
}

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
    const { mailbox, id } = folderIdMailbox(ctx, idEl.attr('Id'));
    const folder = mailbox && folderTree(mailbox).byId(id);
    if (!folder) throw new EwsError('ErrorFolderNotFound');
    return folder;
  }
  requireMailbox(ctx);
  throw fault(
    'ErrorSchemaValidation',
    `The request failed schema validation: unexpected folder id element <${idEl.name}>.`,
  );
}
