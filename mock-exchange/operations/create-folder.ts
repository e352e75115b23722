import { EwsError } from '../../ews/errors.ts';
import { responseMessages, successMessage } from '../../ews/soap-response.ts';
import type { XmlElement } from '../../ews/xml-element.ts';
import { el } from '../../ews/xml-writer.ts';
import type { EwsContext } from '../ews-context.ts';
import { addFolder, type FolderElement, type MailboxFolder } from '../folder-tree.ts';
import type { EwsOperation } from '../operation.ts';
import { locateFolder } from './folder-locator.ts';
import { itemMessage } from './item-message.ts';
import { schemaError } from './request-values.ts';

/** The folder kinds CreateFolder makes, with the FolderClass each gets when the request names none. */
const CREATABLE: Readonly<Record<string, { element: FolderElement; folderClass: string }>> = {
  Folder: { element: 'Folder', folderClass: 'IPF.Note' },
  CalendarFolder: { element: 'CalendarFolder', folderClass: 'IPF.Appointment' },
};

/** Whether `f` lies in the IPM subtree (msgfolderroot and below), where users' folders live. */
function inIpmSubtree(f: MailboxFolder): boolean {
  for (let at: MailboxFolder | undefined = f; at; at = at.parent)
    if (at.distinguishedId === 'msgfolderroot') return true;
  return false;
}

function createOne(ctx: EwsContext, parent: MailboxFolder, folderEl: XmlElement): string {
  const kind = CREATABLE[folderEl.name];
  if (!kind) {
    throw new EwsError('ErrorInvalidRequest', {
      message: `CreateFolder makes t:Folder and t:CalendarFolder here, not t:${folderEl.name}.`,
    });
  }
  const displayName = folderEl.textAt('DisplayName')?.trim() ?? '';
  if (displayName === '') {
    throw new EwsError('ErrorRequiredPropertyMissing', {
      message: `CreateFolder/Folders/${folderEl.name}/DisplayName is required.`,
    });
  }
  const lower = displayName.toLowerCase();
  if (parent.children.some((c) => c.displayName.toLowerCase() === lower)) {
    throw new EwsError('ErrorFolderExists', {
      message: `A folder named "${displayName}" already exists under "${parent.displayName}".`,
    });
  }
  const folderClass = folderEl.textAt('FolderClass')?.trim() || kind.folderClass;
  // Its class makes a folder a calendar (t:Folder too). A client makes a scratch calendar to learn how the server writes times (DavMail's VTIMEZONE probe).
  const isCalendar = /^IPF\.Appointment(\.|$)/i.test(folderClass);
  const folder = addFolder(
    parent,
    { element: kind.element, folderClass, displayName },
    isCalendar ? (counter) => ctx.org.newCalendar(parent.mailbox.ids, counter) : undefined,
  );
  const idXml = el('t:FolderId', { Id: folder.id, ChangeKey: folder.changeKey });
  return successMessage('CreateFolderResponseMessage', el('m:Folders', null, el(`t:${folder.element}`, null, idXml)));
}

/** CreateFolder: mail and calendar folders under msgfolderroot or below; one response message per folder. */
export const CreateFolder: EwsOperation = {
  name: 'CreateFolder',
  handle(ctx) {
    const body = ctx.request.body;
    const parentEl = body.child('ParentFolderId')?.children[0];
    if (!parentEl) throw schemaError('CreateFolder/ParentFolderId', 'must hold a folder id');
    const folders = body.child('Folders')?.children ?? [];
    if (folders.length === 0) throw schemaError('CreateFolder/Folders', 'must hold at least one folder');
    // The parent is located once: when it is missing, every folder gets the same error message.
    let parent: MailboxFolder | EwsError;
    try {
      parent = locateFolder(ctx, parentEl);
      if (!inIpmSubtree(parent)) {
        parent = new EwsError('ErrorInvalidParentFolder', {
          message: `Folders can be created under msgfolderroot and its subfolders, not under "${parent.distinguishedId || parent.displayName}".`,
        });
      }
    } catch (err) {
      if (!(err instanceof EwsError) || err.level !== 'message') throw err;
      parent = err;
    }
    const messages = folders.map((folderEl) =>
      itemMessage(
        'CreateFolderResponseMessage',
        () => {
          if (parent instanceof EwsError) throw parent;
          return createOne(ctx, parent, folderEl);
        },
        false,
      ),
    );
    return responseMessages('CreateFolder', ...messages);
  },
};
