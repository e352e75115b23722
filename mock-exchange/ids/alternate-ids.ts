import { decodeEwsId, encodeEwsId, IdProcessingInstruction } from './ews-id.ts';
import { parseEntryId, parseOccurrenceStoreId, StoreObjectType } from './store-object-id.ts';

/** IdFormatType, in the schema's order. */
export const ID_FORMATS = ['EwsLegacyId', 'EwsId', 'EntryId', 'HexEntryId', 'StoreId', 'OwaId'] as const;
export type IdFormat = (typeof ID_FORMATS)[number];

/** An id with its mailbox taken out: what every format carries in its own way. */
export interface StoreReference {
  instruction: number;
  /** A folder or message ENTRYID, or an occurrence's store id. */
  storeId: Buffer;
  /** The mailbox the id itself names (EwsId: its GUID; EwsLegacyId: its SMTP address); none for MAPI forms. */
  mailbox?: { guid: string } | { address: string };
}

/** The mailbox an id is written for. */
export interface IdMailbox {
  address: string;
  guid: string;
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

function normal(entryId: Buffer): StoreReference | undefined {
  return parseEntryId(entryId) ? { instruction: IdProcessingInstruction.Normal, storeId: entryId } : undefined;
}

/** A store object id: [ENTRYID length][ENTRYID][StoreObjectType], or an occurrence's store id as it stands. */
function storeObjectId(bytes: Buffer): StoreReference | undefined {
  if (parseOccurrenceStoreId(bytes)) return { instruction: IdProcessingInstruction.Recurrence, storeId: bytes };
  if (bytes.length < 2 || bytes[0] !== bytes.length - 2) return undefined;
  return normal(bytes.subarray(1, bytes.length - 1));
}

/** Read an id of `format`; undefined when it is not a well-formed id of that format (ErrorInvalidIdMalformed). */
export function readAlternateId(id: string, format: IdFormat): StoreReference | undefined {
  switch (format) {
    case 'EwsId':
    case 'EwsLegacyId': {
      const parts = decodeEwsId(id);
      if (parts?.storage !== (format === 'EwsId' ? 'guid' : 'smtp')) return undefined;
      const ref = storeReferenceOk(parts.instruction, parts.storeId);
      if (!ref) return undefined;
      return { ...ref, mailbox: format === 'EwsId' ? { guid: parts.mailbox } : { address: parts.mailbox } };
    }
    case 'EntryId':
      return BASE64.test(id) && id.length % 4 === 0 ? normal(Buffer.from(id, 'base64')) : undefined;
    case 'HexEntryId':
      return /^(?:[0-9A-Fa-f]{2})+$/.test(id) ? normal(Buffer.from(id, 'hex')) : undefined;
    case 'StoreId':
    case 'OwaId':
      return BASE64.test(id) && id.length % 4 === 0 ? storeObjectId(Buffer.from(id, 'base64')) : undefined;
  }
}

function storeReferenceOk(instruction: number, storeId: Buffer): StoreReference | undefined {
  if (instruction === IdProcessingInstruction.Recurrence)
    return parseOccurrenceStoreId(storeId) ? { instruction, storeId } : undefined;
  return instruction === IdProcessingInstruction.Normal ? normal(storeId) : undefined;
}

/** The StoreObjectType written at the end of a store id: what a folder or item is. */
function objectType(entryId: Buffer, calendarFolder: boolean): number {
  if (parseEntryId(entryId)?.kind === 'message') return StoreObjectType.CalendarItem;
  return calendarFolder ? StoreObjectType.CalendarFolder : StoreObjectType.Folder;
}

/**
 * Write a reference in `format` for `mailbox`. MAPI entry ids have no form for an occurrence: EntryId and
 * HexEntryId of an occurrence name its series, as Exchange's do.
 */
export function writeAlternateId(
  ref: StoreReference,
  format: IdFormat,
  mailbox: IdMailbox,
  calendarFolder = false,
): string {
  const occurrence =
    ref.instruction === IdProcessingInstruction.Recurrence ? parseOccurrenceStoreId(ref.storeId) : undefined;
  switch (format) {
    case 'EwsId':
      return encodeEwsId({
        storage: 'guid',
        mailbox: mailbox.guid,
        instruction: ref.instruction,
        storeId: ref.storeId,
      });
    case 'EwsLegacyId':
      return encodeEwsId({
        storage: 'smtp',
        mailbox: mailbox.address,
        instruction: ref.instruction,
        storeId: ref.storeId,
      });
    case 'EntryId':
      return (occurrence?.seriesEntryId ?? ref.storeId).toString('base64');
    case 'HexEntryId':
      return (occurrence?.seriesEntryId ?? ref.storeId).toString('hex').toUpperCase();
    case 'StoreId':
    case 'OwaId': {
      // Exchange 2010's OWA ids are store object ids, as its store writes them.
      if (occurrence) return ref.storeId.toString('base64');
      const type = objectType(ref.storeId, calendarFolder);
      return Buffer.concat([Buffer.from([ref.storeId.length]), ref.storeId, Buffer.from([type])]).toString('base64');
    }
  }
}
