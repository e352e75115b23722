import { EwsError } from '../../ews/errors.ts';
import { errorMessageFrom, responseMessages, successMessage } from '../../ews/soap-response.ts';
import type { XmlElement } from '../../ews/xml-element.ts';
import { el } from '../../ews/xml-writer.ts';
import { parseOccurrenceId } from '../calendar.ts';
import type { EwsContext } from '../ews-context.ts';
import { folderTree } from '../folder-tree.ts';
import type { EwsOperation } from '../operation.ts';
import type { Mailbox } from '../organization.ts';
import { parseEnum, schemaError } from './request-values.ts';

const FORMATS = ['EwsLegacyId', 'EwsId', 'EntryId', 'HexEntryId', 'StoreId', 'OwaId'] as const;
type IdFormat = (typeof FORMATS)[number];

/** Every id this mock hands out (items, occurrences, folders) starts so. */
const EWS_ID = /^AAMkAD[A-Za-z0-9+/=_-]*$/;
/** A MAPI entry id starts with four flag bytes, all zero for a long-term id. */
const ENTRY_ID_FLAGS = Buffer.alloc(4);

/** The EwsId an id of `format` stands for; undefined when it is not a well-formed id of that format. */
function toEwsId(id: string, format: IdFormat): string | undefined {
  let ewsId: string | undefined = id;
  if (format === 'EntryId' || format === 'HexEntryId') {
    const bytes =
      format === 'EntryId'
        ? /^[A-Za-z0-9+/]*={0,2}$/.test(id)
          ? Buffer.from(id, 'base64')
          : undefined
        : /^(?:[0-9A-Fa-f]{2})*$/.test(id)
          ? Buffer.from(id, 'hex')
          : undefined;
    ewsId = bytes && bytes.subarray(0, 4).equals(ENTRY_ID_FLAGS) ? bytes.subarray(4).toString('utf8') : undefined;
  } else if (format === 'StoreId') {
    ewsId = /^[A-Za-z0-9+/]*={0,2}$/.test(id) ? Buffer.from(id, 'base64').toString('utf8') : undefined;
  } else if (format === 'OwaId') {
    ewsId = id.replaceAll('-', '/').replaceAll('_', '+');
  }
  return ewsId !== undefined && EWS_ID.test(ewsId) ? ewsId : undefined;
}

function fromEwsId(ewsId: string, format: IdFormat): string {
  switch (format) {
    case 'EntryId':
      return Buffer.concat([ENTRY_ID_FLAGS, Buffer.from(ewsId, 'utf8')]).toString('base64');
    case 'HexEntryId':
      return Buffer.concat([ENTRY_ID_FLAGS, Buffer.from(ewsId, 'utf8')])
        .toString('hex')
        .toUpperCase();
    case 'StoreId':
      return Buffer.from(ewsId, 'utf8').toString('base64');
    case 'OwaId':
      // OWA puts ids in URLs: the URL-safe alphabet.
      return ewsId.replaceAll('/', '-').replaceAll('+', '_');
    default:
      return ewsId;
  }
}

/** The mailbox holding the folder or item an id names: Exchange reads it from the id, not from @Mailbox. */
function holderOf(ctx: EwsContext, ewsId: string): Mailbox | undefined {
  const itemId = parseOccurrenceId(ewsId)?.masterId ?? ewsId;
  for (const mbx of ctx.org.mailboxes.values()) {
    if (folderTree(mbx).byId.has(ewsId) || mbx.calendar.get(itemId)) return mbx;
  }
  return undefined;
}

function convertOne(ctx: EwsContext, source: XmlElement, destination: IdFormat, where: string): string {
  if (source.name !== 'AlternateId') {
    throw new EwsError('ErrorInvalidRequest', { message: `${where}: only t:AlternateId can be converted here.` });
  }
  const format = parseEnum(source.attr('Format'), FORMATS, `${where}@Format`);
  const id = source.attr('Id') ?? '';
  const mailbox = source.attr('Mailbox') ?? '';
  if (id === '') throw new EwsError('ErrorInvalidIdEmpty');
  const ewsId = toEwsId(id, format);
  if (!ewsId) throw new EwsError('ErrorInvalidIdMalformed');
  const mbx = holderOf(ctx, ewsId) ?? ctx.org.mailbox(mailbox);
  if (!mbx) {
    throw new EwsError('ErrorNonExistentMailbox', {
      message: `The SMTP address ${mailbox} has no mailbox associated with it.`,
    });
  }
  return el('m:AlternateId', {
    'xsi:type': 't:AlternateIdType',
    Format: destination,
    Id: fromEwsId(ewsId, destination),
    Mailbox: mbx.address,
  });
}

/** ConvertId between EwsId and the other id formats clients use, one response message per source id. */
export const ConvertId: EwsOperation = {
  name: 'ConvertId',
  handle(ctx) {
    const body = ctx.request.body;
    const destination = parseEnum(body.attr('DestinationFormat'), FORMATS, 'ConvertId@DestinationFormat');
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
