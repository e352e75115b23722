/**
 * MAPI long-term entry ids as an Exchange mailbox store writes them, and the store object ids built on them:
 * folder ENTRYID (46 bytes) = flags(4, zero) + provider UID(16) + eitLTPrivateFolder(2) + replica GUID(16) +
 * global counter(6, big-endian) + pad(2); message ENTRYID (70 bytes) = flags + provider UID + eitLTPrivateMessage +
 * the parent folder's replica GUID and counter + pad + the message's replica GUID and counter + pad.
 */

/** Exchange's StoreObjectType values for what this mock stores (also the first byte of a change key). */
export const StoreObjectType = {
  Folder: 1,
  CalendarFolder: 2,
  Message: 9,
  CalendarItem: 15,
  CalendarItemOccurrence: 16,
} as const;

const FOLDER_ENTRYID_LENGTH = 46;
const MESSAGE_ENTRYID_LENGTH = 70;
const EIT_LT_PRIVATE_FOLDER = 0x0001;
const EIT_LT_PRIVATE_MESSAGE = 0x0007;
/** An occurrence's store id starts with the length of the .NET DateTime that follows it. */
const OCCURRENCE_DATE_LENGTH = 8;
/** .NET DateTime: ticks of 100 ns since 0001-01-01, DateTimeKind.Utc (1) in the top two bits. */
const TICKS_AT_UNIX_EPOCH = 621355968000000000n;
const KIND_UTC = 1n << 62n;
const TICKS_MASK = (1n << 62n) - 1n;

export interface StoreIdentity {
  providerUid: Buffer;
  replicaGuid: Buffer;
}

function globalCounter(n: number): Buffer {
  const b = Buffer.alloc(6);
  b.writeUIntBE(n, 0, 6);
  return b;
}

function eitHeader(store: StoreIdentity, type: number): Buffer {
  const t = Buffer.alloc(2);
  t.writeUInt16LE(type);
  return Buffer.concat([Buffer.alloc(4), store.providerUid, t]);
}

export function folderEntryId(store: StoreIdentity, counter: number): Buffer {
  return Buffer.concat([
    eitHeader(store, EIT_LT_PRIVATE_FOLDER),
    store.replicaGuid,
    globalCounter(counter),
    Buffer.alloc(2),
  ]);
}

export function messageEntryId(store: StoreIdentity, folderCounter: number, counter: number): Buffer {
  return Buffer.concat([
    eitHeader(store, EIT_LT_PRIVATE_MESSAGE),
    store.replicaGuid,
    globalCounter(folderCounter),
    Buffer.alloc(2),
    store.replicaGuid,
    globalCounter(counter),
    Buffer.alloc(2),
  ]);
}

export interface ParsedEntryId {
  kind: 'folder' | 'message';
  providerUid: Buffer;
  /** The folder's counter, or the message's parent folder's. */
  folderCounter: number;
  /** The message's own counter (messages only). */
  counter?: number;
}

/** A long-term folder or message entry id of a private store; undefined for anything else. */
export function parseEntryId(bytes: Buffer): ParsedEntryId | undefined {
  if (bytes.length !== FOLDER_ENTRYID_LENGTH && bytes.length !== MESSAGE_ENTRYID_LENGTH) return undefined;
  if (bytes.readUInt32LE(0) !== 0) return undefined;
  const providerUid = Buffer.from(bytes.subarray(4, 20));
  const type = bytes.readUInt16LE(20);
  const folderCounter = bytes.readUIntBE(38, 6);
  if (bytes.length === FOLDER_ENTRYID_LENGTH) {
    return type === EIT_LT_PRIVATE_FOLDER ? { kind: 'folder', providerUid, folderCounter } : undefined;
  }
  if (type !== EIT_LT_PRIVATE_MESSAGE) return undefined;
  return { kind: 'message', providerUid, folderCounter, counter: bytes.readUIntBE(62, 6) };
}

/** An occurrence's store id: [8][original start as a .NET UTC DateTime, big-endian][series ENTRYID][16]. */
export function occurrenceStoreId(seriesEntryId: Buffer, originalStart: number): Buffer {
  const date = Buffer.alloc(8);
  date.writeBigUInt64BE(KIND_UTC | (BigInt(originalStart) * 10000n + TICKS_AT_UNIX_EPOCH));
  return Buffer.concat([
    Buffer.from([OCCURRENCE_DATE_LENGTH]),
    date,
    seriesEntryId,
    Buffer.from([StoreObjectType.CalendarItemOccurrence]),
  ]);
}

export function parseOccurrenceStoreId(bytes: Buffer): { seriesEntryId: Buffer; originalStart: number } | undefined {
  if (bytes.length !== 1 + 8 + MESSAGE_ENTRYID_LENGTH + 1) return undefined;
  if (bytes[0] !== OCCURRENCE_DATE_LENGTH || bytes[bytes.length - 1] !== StoreObjectType.CalendarItemOccurrence)
    return undefined;
  const ticks = bytes.readBigUInt64BE(1) & TICKS_MASK;
  if (ticks < TICKS_AT_UNIX_EPOCH || (ticks - TICKS_AT_UNIX_EPOCH) % 10000n !== 0n) return undefined;
  const seriesEntryId = Buffer.from(bytes.subarray(9, 9 + MESSAGE_ENTRYID_LENGTH));
  return { seriesEntryId, originalStart: Number((ticks - TICKS_AT_UNIX_EPOCH) / 10000n) };
}

/** A change key: StoreObjectType (UInt32), the length of the PCL entry (22), the replica GUID, the change number. */
export function changeKey(type: number, replicaGuid: Buffer, changeNumber: number): string {
  const head = Buffer.alloc(8);
  head.writeUInt32LE(type, 0);
  head.writeUInt32LE(22, 4);
  return Buffer.concat([head, replicaGuid, globalCounter(changeNumber)]).toString('base64');
}
