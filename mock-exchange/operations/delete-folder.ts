import { EwsError } from '../../ews/errors.ts';
import { responseMessages, successMessage } from '../../ews/soap-response.ts';
import { removeFolder } from '../folder-tree.ts';
import type { EwsOperation } from '../operation.ts';
import { locateFolder } from './folder-locator.ts';
import { itemMessage } from './item-message.ts';
import { parseEnum, schemaError } from './request-values.ts';

const DELETE_TYPES = ['HardDelete', 'SoftDelete', 'MoveToDeletedItems'] as const;

/**
 * DeleteFolder: folders made by CreateFolder go with their subfolders (every DeleteType removes them: this mock
 * keeps no Recoverable Items contents); well-known folders answer ErrorDeleteDistinguishedFolder.
 */
export const DeleteFolder: EwsOperation = {
  name: 'DeleteFolder',
  handle(ctx) {
    const body = ctx.request.body;
    parseEnum(body.attr('DeleteType'), DELETE_TYPES, 'DeleteFolder@DeleteType');
    const ids = body.child('FolderIds')?.children ?? [];
    if (ids.length === 0) throw schemaError('DeleteFolder/FolderIds', 'must hold at least one folder id');
    const messages = ids.map((idEl) =>
      itemMessage(
        'DeleteFolderResponseMessage',
        () => {
          const folder = locateFolder(ctx, idEl);
          if (folder.distinguishedId !== '') {
            throw new EwsError('ErrorDeleteDistinguishedFolder', {
              message: `The well-known folder "${folder.distinguishedId}" cannot be deleted.`,
            });
          }
          removeFolder(folder);
          return successMessage('DeleteFolderResponseMessage');
        },
        false,
      ),
    );
    return responseMessages('DeleteFolder', ...messages);
  },
};
