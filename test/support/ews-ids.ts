/**
 * EwsIds read and written by hand from the published layout (reverse-engineered EwsId format, DotExch/Docs
 * EwsId_format.txt; hex dumps of Exchange's ids in grommunio/gromox doc/ews_spec.rst), apart from the mock's
 * own codec: [0 no compression][3 mailbox-GUID based][36 00][GUID "D"][instruction][length LE][store id].
 */
const HEADER = 1 + 1 + 2 + 36;
const TICKS_AT_UNIX_EPOCH = 621355968000000000n;

export interface DecodedId {
  compression: number;
  storageType: number;
  mailboxGuid: string;
  instruction: number;
  storeId: Buffer;
}

export function decodeId(id: string): DecodedId {
  const raw = Buffer.from(id, 'base64');
  const storeLength = raw.readUInt16LE(HEADER + 1);
  return {
    compression: raw[0] ?? -1,
    storageType: raw[1] ?? -1,
    mailboxGuid: raw.subarray(4, 4 + raw.readUInt16LE(2)).toString('ascii'),
    instruction: raw[HEADER] ?? -1,
    storeId: raw.subarray(HEADER + 3, HEADER + 3 + storeLength),
  };
}

/** A message ENTRYID's own global counter (bytes 62-67, big-endian). */
export function messageCounter(id: string): number {
  return decodeId(id).storeId.readUIntBE(62, 6);
}

function withStoreId(id: string, instruction: number, storeId: Buffer): string {
  const raw = Buffer.from(id, 'base64');
  const length = Buffer.alloc(2);
  length.writeUInt16LE(storeId.length);
  return Buffer.concat([raw.subarray(0, HEADER), Buffer.from([instruction]), length, storeId]).toString('base64');
}

/** The id of a series' occurrence: instruction Recurrence, [8][.NET UTC DateTime BE][series ENTRYID][16]. */
export function occurrenceIdFor(seriesId: string, originalStart: string): string {
  const date = Buffer.alloc(8);
  date.writeBigUInt64BE((1n << 62n) | (BigInt(Date.parse(originalStart)) * 10000n + TICKS_AT_UNIX_EPOCH));
  const entryId = decodeId(seriesId).storeId;
  return withStoreId(seriesId, 1, Buffer.concat([Buffer.from([8]), date, entryId, Buffer.from([16])]));
}

/** A well-formed id of the same mailbox and folder naming a message that was never made (counter 0xFFFFFFFFFFFF). */
export function unknownItemIdLike(itemId: string): string {
  const entryId = Buffer.from(decodeId(itemId).storeId);
  entryId.writeUIntBE(0xffffffffffff, 62, 6);
  return withStoreId(itemId, 0, entryId);
}
