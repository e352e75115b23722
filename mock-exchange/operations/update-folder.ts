import { EwsError } from '../../ews/errors.ts';
import { responseMessages, successMessage } from '../../ews/soap-response.ts';
import type { XmlElement } from '../../ews/xml-element.ts';
import { el } from '../../ews/xml-writer.ts';
import type { EwsContext } from '../ews-context.ts';
import { type MailboxFolder, renameFolder } from '../folder-tree.ts';
import type { EwsOperation } from '../operation.ts';
import { locateFolder } from './folder-locator.ts';
import { itemMessage } from './item-message.ts';
import { schemaError } from './request-values.ts';

/** The folder elements SetFolderField carries the new value in (types.xsd SetFolderFieldType). */
const FOLDER_ELEMENTS = ['Folder', 'CalendarFolder', 'ContactsFolder', 'SearchFolder', 'TasksFolder'];
const PATHS = ['FieldURI', 'IndexedFieldURI', 'ExtendedFieldURI'];

/** What the path names, for messages: the FieldURI, else the element's name. */
function pathName(path: XmlElement): string {
  return path.attr('FieldURI') ?? path.name;
}

/** The one property a SetFolderField's folder carries, checked against the path it names. */
function newDisplayName(update: XmlElement, path: XmlElement, at: string): string {
  const folderEl = update.children.find((c) => FOLDER_ELEMENTS.includes(c.name));
  if (!folderEl) throw schemaError(at, 'has no folder holding the new value');
  if (folderEl.children.length !== 1) {
    throw new EwsError('ErrorIncorrectUpdatePropertyCount', {
      message: `${at}: the ${folderEl.name} must carry exactly one property, not ${folderEl.children.length}.`,
    });
  }
  const [value] = folderEl.children as [XmlElement];
  if (value.name !== 'DisplayName') {
    throw new EwsError('ErrorUpdatePropertyMismatch', {
      message: `${at}: the path names ${pathName(path)} but the ${folderEl.name} carries ${value.name}.`,
    });
  }
  const name = value.text.trim();
  if (name === '') {
    throw new EwsError('ErrorInvalidPropertySet', { message: `${at}: a folder's DisplayName cannot be empty.` });
  }
  return name;
}

/** One change description of a FolderChange: the new DisplayName it sets, or the error Exchange gives for it. */
function displayNameFrom(update: XmlElement, folder: MailboxFolder, at: string): string {
  const path = update.children.find((c) => PATHS.includes(c.name));
  if (!path) throw schemaError(at, 'names no property (FieldURI)');
  const uri = path.attr('FieldURI');
  if (update.name === 'AppendToFolderField') {
    // Microsoft: "The AppendToFolderField element is not implemented. Any request that uses this element will always return an error."
    throw new EwsError('ErrorInvalidPropertyAppend', { message: `${at}: ${pathName(path)} cannot be appended to.` });
  }
  if (uri === 'folder:FolderClass') {
    throw new EwsError('ErrorNoFolderClassOverride', { message: `${at}: a folder keeps the class it was made with.` });
  }
  if (update.name === 'DeleteFolderField') {
    throw new EwsError('ErrorInvalidPropertyDelete', {
      message: `${at}: ${pathName(path)} cannot be deleted from a folder.`,
    });
  }
  if (update.name !== 'SetFolderField') throw schemaError(at, `${update.name} is not a folder change`);
  if (uri !== 'folder:DisplayName') {
    throw new EwsError('ErrorInvalidPropertySet', {
      message: `${at}: ${pathName(path)} cannot be set on a folder; DisplayName is the property this mock Exchange changes.`,
    });
  }
  const name = newDisplayName(update, path, at);
  // Exchange (XSO) refuses to rename its default folders, whatever the API; the root folders are the system's.
  if (folder.distinguishedId !== '' || folder.system) {
    throw new EwsError('ErrorAccessDenied', {
      message: `${at}: the well-known folder "${folder.distinguishedId || folder.displayName}" cannot be renamed.`,
    });
  }
  const lower = name.toLowerCase();
  if (folder.parent?.children.some((c) => c !== folder && c.displayName.toLowerCase() === lower)) {
    throw new EwsError('ErrorFolderExists', {
      message: `${at}: a folder named "${name}" already exists under "${folder.parent.displayName}".`,
    });
  }
  return name;
}

function applyFolderChange(ctx: EwsContext, change: XmlElement, where: string): string {
  const idEl = change.children.find((c) => c.name === 'FolderId' || c.name === 'DistinguishedFolderId');
  if (!idEl) throw schemaError(where, 'has no folder id');
  const folder = locateFolder(ctx, idEl);
  const updates = change.child('Updates')?.children ?? [];
  if (updates.length === 0) throw schemaError(`${where}/Updates`, 'must hold at least one change');
  // Every change is checked before any is applied: a FolderChange applies whole or not at all.
  let name: string | undefined;
  for (const [j, update] of updates.entries()) {
    name = displayNameFrom(update, folder, `${where}/Updates/${update.name}[${j + 1}]`);
  }
  const renamed = name === undefined ? folder : renameFolder(folder, name);
  const idXml = el('t:FolderId', { Id: renamed.id, ChangeKey: renamed.changeKey });
  return successMessage('UpdateFolderResponseMessage', el('m:Folders', null, el(`t:${renamed.element}`, null, idXml)));
}

/**
 * UpdateFolder: SetFolderField renames a folder made by CreateFolder (ErrorFolderExists beside a sibling of that
 * name); well-known folders keep their names (ErrorAccessDenied), FolderClass stays (ErrorNoFolderClassOverride),
 * DeleteFolderField and AppendToFolderField are refused as Exchange refuses them.
 */
export const UpdateFolder: EwsOperation = {
  name: 'UpdateFolder',
  handle(ctx) {
    const changes = ctx.request.body.child('FolderChanges')?.children ?? [];
    if (changes.length === 0) throw schemaError('UpdateFolder/FolderChanges', 'must hold at least one FolderChange');
    const messages = changes.map((change, i) =>
      itemMessage(
        'UpdateFolderResponseMessage',
        () => applyFolderChange(ctx, change, `UpdateFolder/FolderChanges/FolderChange[${i + 1}]`),
        false,
      ),
    );
    return responseMessages('UpdateFolder', ...messages);
  },
};
