import { EwsError } from '../../ews/errors.ts';
import { errorMessageFrom, responseMessages, successMessage } from '../../ews/soap-response.ts';
import type { XmlElement } from '../../ews/xml-element.ts';
import { el } from '../../ews/xml-writer.ts';
import type { EwsContext } from '../ews-context.ts';
import { folderTree } from '../folder-tree.ts';
import {
  ID_FORMATS,
  type IdFormat,
  readAlternateId,
  type StoreReference,
  writeAlternateId,
} from '../ids/alternate-ids.ts';
import { parseEwsId } from '../ids/mailbox-ids.ts';
import type { EwsOperation } from '../operation.ts';
import type { Mailbox } from '../organization.ts';
import { parseEnum, schemaError } from './request-values.ts';

/** The mailbox an id belongs to: the one the id itself names (EwsId, EwsLegacyId), else the Mailbox attribute. */
function owner(ctx: EwsContext, ref: StoreReference, mailboxAttr: string): Mailbox {
  const named = ref.mailbox;
  const mbx =
    named === undefined
      ? ctx.org.mailbox(mailboxAttr)
      : 'guid' in named
        ? ctx.org.mailboxByGuid(named.guid)
        : ctx.org.mailbox(named.address);
  if (!mbx) {
    const who = named === undefined ? mailboxAttr : 'guid' in named ? named.guid : named.address;
    throw new EwsError('ErrorNonExistentMailbox', {
      message: `The SMTP address ${who} has no mailbox associated with it.`,
    });
  }
  return mbx;
}

function convertOne(ctx: EwsContext, source: XmlElement, destination: IdFormat, where: string): string {
  if (source.name !== 'AlternateId') {
    throw new EwsError('ErrorInvalidRequest', { message: `${where}: only t:AlternateId can be converted here.` });
  }
  const format = parseEnum(source.attr('Format'), ID_FORMATS, `${where}@Format`);
  const id = source.attr('Id') ?? '';
  if (id === '') throw new EwsError('ErrorInvalidIdEmpty');
  const ref = readAlternateId(id, format);
  if (!ref) throw new EwsError('ErrorInvalidIdMalformed', { message: `${where}: "${id}" is not a valid ${format}.` });
  const mbx = owner(ctx, ref, source.attr('Mailbox') ?? '');
  const canonical = parseEwsId(writeAlternateId(ref, 'EwsId', { address: mbx.address, guid: mbx.ids.guid }));
  const calendarFolder =
    canonical?.kind === 'folder' && folderTree(mbx).byId(canonical.id)?.element === 'CalendarFolder';
  return el('m:AlternateId', {
    'xsi:type': 't:AlternateIdType',
    Format: destination,
    Id: writeAlternateId(ref, destination, { address: mbx.address, guid: mbx.ids.guid }, calendarFolder),
    Mailbox: mbx.address,
  });
}

/** ConvertId between EwsId and the other id formats clients use, one response message per source id. */
export const ConvertId: EwsOperation = {
  name: 'ConvertId',
  handle(ctx) {
    const body = ctx.request.body;
    const destination = parseEnum(body.attr('DestinationFormat'), ID_FORMATS, 'ConvertId@DestinationFormat');
    const sources = body.child('SourceIds')?.children ?? [];
    if (sources.length === 0) throw schemaError('ConvertId/SourceIds', 'must hold at least one id');
    const messages = sources.map((source, i) => {
      try {
        const converted = convertOne(ctx, source, destination, `ConvertId/SourceIds[${i + 1}]`);
        return successMessage('ConvertIdResponseMessage', converted);
      } catch (err) {
        if (err instanceof EwsError && err.level === 'message')
          return errorMessageFrom('ConvertIdResponseMessage', err);
        throw err;
      }
    });
    return responseMessages('ConvertId', ...messages);
  },
};
