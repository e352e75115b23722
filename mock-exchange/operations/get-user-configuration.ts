import { EwsError } from '../../ews/errors.ts';
import { responseMessages, successMessage } from '../../ews/soap-response.ts';
import { el, txt } from '../../ews/xml-writer.ts';
import { type MailboxFolder, wellKnownFolderCounter } from '../folder-tree.ts';
import { changeKey, StoreObjectType } from '../ids/store-object-id.ts';
import type { EwsOperation } from '../operation.ts';
import { locateFolder } from './folder-locator.ts';
import { itemMessage } from './item-message.ts';
import { schemaError } from './request-values.ts';

const PROPERTIES = new Set(['Id', 'Dictionary', 'XmlData', 'BinaryData', 'All']);

/** The configurations every mailbox here holds: OWA.UserOptions on the root folder (the owner's time zone). */
function dictionaryOf(folder: MailboxFolder, name: string): [string, string][] | undefined {
  if (folder.distinguishedId === 'root' && name === 'OWA.UserOptions') return [['timezone', folder.mailbox.timeZone]];
  return undefined;
}

/** Configuration messages have fixed counters among the well-known folders' (the mailbox creates them first). */
const CONFIGURATION_COUNTERS: Readonly<Record<string, number>> = { 'OWA.UserOptions': 0x80 };

/** The id of a configuration message (only those `dictionaryOf` knows, in well-known folders, exist). */
function configurationItemId(folder: MailboxFolder, name: string): string {
  const counter = CONFIGURATION_COUNTERS[name] ?? 0x80;
  return folder.mailbox.ids.itemId(wellKnownFolderCounter(folder.distinguishedId), counter);
}

/** Its change key: a message's, numbered by its counter (configurations here never change). */
function configurationChangeKey(folder: MailboxFolder, name: string): string {
  const counter = CONFIGURATION_COUNTERS[name] ?? 0x80;
  return changeKey(StoreObjectType.Message, folder.mailbox.ids.replicaGuid, counter);
}

const entry = (key: string, value: string) =>
  el(
    't:DictionaryEntry',
    null,
    el('t:DictionaryKey', null, txt('t:Type', 'String'), txt('t:Value', key)),
    el('t:DictionaryValue', null, txt('t:Type', 'String'), txt('t:Value', value)),
  );

/**
 * GetUserConfiguration: a configuration message in a folder, by name. UserConfigurationProperties (a list of
 * Id, Dictionary, XmlData, BinaryData, All) decides what comes back; a name the folder lacks is ErrorItemNotFound.
 */
export const GetUserConfiguration: EwsOperation = {
  name: 'GetUserConfiguration',
  handle(ctx) {
    const body = ctx.request.body;
    const nameEl = body.child('UserConfigurationName');
    const name = nameEl?.attr('Name') ?? '';
    if (!nameEl || name === '') throw schemaError('GetUserConfiguration/UserConfigurationName@Name', 'is required');
    const folderEl = nameEl.children[0];
    if (!folderEl) throw schemaError('GetUserConfiguration/UserConfigurationName', 'must hold a folder id');
    const asked = (body.textAt('UserConfigurationProperties') ?? '').split(/\s+/).filter((p) => p !== '');
    const unknown = asked.find((p) => !PROPERTIES.has(p));
    if (asked.length === 0 || unknown !== undefined) {
      throw schemaError(
        'GetUserConfiguration/UserConfigurationProperties',
        `must list Id, Dictionary, XmlData, BinaryData or All${unknown ? `, not "${unknown}"` : ''}`,
      );
    }
    const wants = (p: string) => asked.includes('All') || asked.includes(p);
    const message = itemMessage(
      'GetUserConfigurationResponseMessage',
      () => {
        const folder = locateFolder(ctx, folderEl);
        const dictionary = dictionaryOf(folder, name);
        if (!dictionary) {
          throw new EwsError('ErrorItemNotFound', {
            message: `The configuration "${name}" does not exist in folder "${folder.distinguishedId || folder.displayName}".`,
          });
        }
        const configuration = el(
          'm:UserConfiguration',
          null,
          el(
            't:UserConfigurationName',
            { Name: name },
            el('t:FolderId', { Id: folder.id, ChangeKey: folder.changeKey }),
          ),
          wants('Id') &&
            el('t:ItemId', { Id: configurationItemId(folder, name), ChangeKey: configurationChangeKey(folder, name) }),
          wants('Dictionary') &&
            el(
              't:Dictionary',
              null,
              dictionary.map(([k, v]) => entry(k, v)),
            ),
        );
        return successMessage('GetUserConfigurationResponseMessage', configuration);
      },
      false,
    );
    return responseMessages('GetUserConfiguration', message);
  },
};
