import { EwsError } from '../../ews/errors.ts';
import { errorMessageFrom, responseMessages, successMessage } from '../../ews/soap-response.ts';
import { el, txt } from '../../ews/xml-writer.ts';
import type { CalendarEntry } from '../calendar.ts';
import type { EwsOperation } from '../operation.ts';
import { calendarItemXml } from './calendar-item-xml.ts';
import { locateFolder } from './folder-locator.ts';
import { parseItemShape } from './item-shape.ts';
import { parseInteger, schemaError } from './request-values.ts';
import { decodeSyncState, encodeSyncState, syncDelta } from './sync-state.ts';

/**
 * SyncFolderItems: the items of a folder the client's SyncState has not seen (Create), has seen with another
 * ChangeKey (Update) or that went (Delete), at most MaxChangesReturned per call; the new SyncState covers exactly
 * the changes returned, so a client calls again until IncludesLastItemInRange. The calendar lists its single
 * items and recurring masters; every other folder is empty.
 */
export const SyncFolderItems: EwsOperation = {
  name: 'SyncFolderItems',
  handle(ctx) {
    const body = ctx.request.body;
    const shape = parseItemShape(body.child('ItemShape'), 'SyncFolderItems');
    const max = parseInteger(body.textAt('MaxChangesReturned'), 'SyncFolderItems/MaxChangesReturned');
    if (max < 1 || max > 512) throw schemaError('SyncFolderItems/MaxChangesReturned', `${max} is not from 1 to 512`);
    const idEl = body.child('SyncFolderId')?.children[0];
    if (!idEl) throw schemaError('SyncFolderItems/SyncFolderId', 'must hold a folder id');
    const ignored = new Set((body.child('Ignore')?.children ?? []).map((c) => c.attr('Id') ?? ''));
    try {
      const folder = locateFolder(ctx, idEl);
      const mbx = folder.mailbox;
      const scope = `${mbx.address}/${folder.id}`;
      const seen = new Map(decodeSyncState(body.textAt('SyncState'), 'items', scope));
      const items =
        folder.distinguishedId === 'calendar'
          ? mbx.calendar
              .items()
              .filter((i) => !ignored.has(i.id))
              .sort((a, b) => a.lastModified - b.lastModified || (a.id < b.id ? -1 : 1))
          : [];
      const delta = syncDelta(seen, items, (i) => [i.id, i.changeKey]);
      const entry = (item: (typeof items)[number]): CalendarEntry => ({
        item,
        id: item.id,
        start: item.start,
        end: item.end,
        type: 'Single',
      });
      const changes: string[] = [];
      for (const [kind, list] of [
        ['t:Create', delta.create],
        ['t:Update', delta.update],
      ] as const) {
        for (const item of list) {
          if (changes.length >= max) break;
          changes.push(el(kind, null, calendarItemXml(entry(item), mbx, ctx.org, shape, 'GetItem')));
          seen.set(item.id, item.changeKey);
        }
      }
      for (const id of delta.delete) {
        if (changes.length >= max) break;
        changes.push(el('t:Delete', null, el('t:ItemId', { Id: id })));
        seen.delete(id);
      }
      const total = delta.create.length + delta.update.length + delta.delete.length;
      return responseMessages(
        'SyncFolderItems',
        successMessage(
          'SyncFolderItemsResponseMessage',
          txt('m:SyncState', encodeSyncState('items', scope, seen)),
          txt('m:IncludesLastItemInRange', changes.length === total),
          el('m:Changes', null, changes),
        ),
      );
    } catch (err) {
      if (!(err instanceof EwsError) || err.level !== 'message') throw err;
      return responseMessages('SyncFolderItems', errorMessageFrom('SyncFolderItemsResponseMessage', err));
    }
  },
};
