import { EwsError } from '../../ews/errors.ts';
import { errorMessageFrom, responseMessages, successMessage } from '../../ews/soap-response.ts';
import { el, txt } from '../../ews/xml-writer.ts';
import { requireMailbox } from '../ews-context.ts';
import { folderDescendants, folderTree } from '../folder-tree.ts';
import type { EwsOperation } from '../operation.ts';
import { locateFolder } from './folder-locator.ts';
import { folderXml, parseFolderShape } from './folder-xml.ts';
import { decodeSyncState, encodeSyncState, syncDelta } from './sync-state.ts';

/**
 * SyncFolderHierarchy: the folders below SyncFolderId (msgfolderroot when absent) that the client's SyncState has
 * not seen, as Create changes (Update and Delete when they changed or went); all in one reply.
 */
export const SyncFolderHierarchy: EwsOperation = {
  name: 'SyncFolderHierarchy',
  handle(ctx) {
    const body = ctx.request.body;
    const shape = parseFolderShape(body.child('FolderShape'), 'SyncFolderHierarchy');
    try {
      const idEl = body.child('SyncFolderId')?.children[0];
      const top = idEl
        ? locateFolder(ctx, idEl)
        : folderTree(requireMailbox(ctx)).byDistinguishedId.get('msgfolderroot');
      if (!top) throw new EwsError('ErrorFolderNotFound');
      const scope = `${top.mailbox.address}/${top.id}`;
      const seen = decodeSyncState(body.textAt('SyncState'), 'folders', scope);
      const now = folderDescendants(top, true);
      const delta = syncDelta(seen, now, (f) => [f.id, f.changeKey]);
      const changes = [
        ...delta.create.map((f) => el('t:Create', null, folderXml(f, shape))),
        ...delta.update.map((f) => el('t:Update', null, folderXml(f, shape))),
        ...delta.delete.map((id) => el('t:Delete', null, el('t:FolderId', { Id: id }))),
      ];
      const state = encodeSyncState('folders', scope, new Map(now.map((f) => [f.id, f.changeKey])));
      return responseMessages(
        'SyncFolderHierarchy',
        successMessage(
          'SyncFolderHierarchyResponseMessage',
          txt('m:SyncState', state),
          txt('m:IncludesLastFolderInRange', true),
          el('m:Changes', null, changes),
        ),
      );
    } catch (err) {
      if (!(err instanceof EwsError) || err.level !== 'message') throw err;
      return responseMessages('SyncFolderHierarchy', errorMessageFrom('SyncFolderHierarchyResponseMessage', err));
    }
  },
};
