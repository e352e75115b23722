import { createHash } from 'node:crypto';

/** PidLidGlobalObjectId's class id (MS-OXOCAL 2.2.1.27): every Outlook/Exchange meeting UID starts with it. */
const CLASS_ID = '040000008200E00074C5B7101A82E008';
/** FILETIME of the Unix epoch: 100 ns intervals since 1601-01-01. */
const FILETIME_AT_UNIX_EPOCH = 116444736000000000n;

/**
 * A calendar item's UID as Exchange makes one: the hex of a GlobalObjectId (class id, a zero instance date,
 * the creation time as a little-endian FILETIME, 8 reserved bytes, then 16 bytes of data), the data here
 * derived from the item id so a restart with the same seed gives the same UID.
 */
export function globalObjectUid(itemId: string, created: number): string {
  const head = Buffer.alloc(4 + 8 + 8 + 4);
  head.writeBigUInt64LE(BigInt(created) * 10000n + FILETIME_AT_UNIX_EPOCH, 4);
  head.writeUInt32LE(16, 20);
  const data = createHash('sha256').update(itemId).digest().subarray(0, 16);
  return `${CLASS_ID}${Buffer.concat([head, data]).toString('hex').toUpperCase()}`;
}
