/**
 * The EwsId layout Exchange 2010 and later hand out: base64 of [CompressionId][IdStorageType][mailbox moniker]
 * [IdProcessingInstruction][counted store id]. Monikers and store ids are counted (UInt16 little-endian length).
 * Mailbox-GUID based ids (storage type 3) are EwsIds; SMTP-address based ids (storage type 0) are Exchange 2007's
 * EwsLegacyIds. RLE-compressed ids (CompressionId 1) are read too.
 */

export const IdStorageType = { MailboxItemSmtpAddressBased: 0, MailboxItemMailboxGuidBased: 3 } as const;
export const IdProcessingInstruction = { Normal: 0, Recurrence: 1, Series: 2 } as const;

const NO_COMPRESSION = 0;
const RLE_COMPRESSION = 1;
/** Exchange refuses payloads longer than this once decompressed. */
const MAX_PAYLOAD = 1024;
const MAX_MONIKER = 1000;

export interface EwsIdParts {
  /** 'guid': an EwsId (mailbox GUID moniker); 'smtp': an EwsLegacyId (SMTP address moniker). */
  storage: 'guid' | 'smtp';
  /** The mailbox GUID in "D" format, or the SMTP address. */
  mailbox: string;
  instruction: number;
  storeId: Buffer;
}

function counted(content: Buffer): Buffer {
  const len = Buffer.alloc(2);
  len.writeUInt16LE(content.length);
  return Buffer.concat([len, content]);
}

export function encodeEwsId(parts: EwsIdParts): string {
  const storage =
    parts.storage === 'guid' ? IdStorageType.MailboxItemMailboxGuidBased : IdStorageType.MailboxItemSmtpAddressBased;
  return Buffer.concat([
    Buffer.from([NO_COMPRESSION, storage]),
    counted(Buffer.from(parts.mailbox, parts.storage === 'guid' ? 'ascii' : 'utf8')),
    Buffer.from([parts.instruction]),
    counted(parts.storeId),
  ]).toString('base64');
}

/** Exchange's run-length scheme: a byte seen twice in a row is followed by how many more times it repeats. */
function rleDecompress(input: Buffer): Buffer | undefined {
  const out: number[] = [];
  for (let i = 0; i < input.length; i++) {
    const b = input[i] as number;
    out.push(b);
    if (i + 1 < input.length && input[i + 1] === b) {
      if (i + 2 >= input.length) return undefined;
      out.push(b);
      for (let n = 0; n < (input[i + 2] as number); n++) out.push(b);
      i += 2;
    }
    if (out.length > MAX_PAYLOAD) return undefined;
  }
  return Buffer.from(out);
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const GUID_D = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The parts of an EwsId or EwsLegacyId; undefined when `id` is not one (the caller answers ErrorInvalidIdMalformed). */
export function decodeEwsId(id: string): EwsIdParts | undefined {
  if (!BASE64.test(id) || id.length % 4 !== 0) return undefined;
  const raw = Buffer.from(id, 'base64');
  if (raw.length < 2) return undefined;
  const payload =
    raw[0] === NO_COMPRESSION
      ? raw.subarray(1)
      : raw[0] === RLE_COMPRESSION
        ? rleDecompress(raw.subarray(1))
        : undefined;
  if (!payload || payload.length > MAX_PAYLOAD || payload.length < 6) return undefined;
  const storageType = payload[0];
  const storage =
    storageType === IdStorageType.MailboxItemMailboxGuidBased
      ? 'guid'
      : storageType === IdStorageType.MailboxItemSmtpAddressBased
        ? 'smtp'
        : undefined;
  if (!storage) return undefined;
  const monikerLength = payload.readUInt16LE(1);
  if (monikerLength === 0 || monikerLength > MAX_MONIKER || 3 + monikerLength + 3 > payload.length) return undefined;
  const mailbox = payload.subarray(3, 3 + monikerLength).toString(storage === 'guid' ? 'ascii' : 'utf8');
  if (storage === 'guid' && !GUID_D.test(mailbox)) return undefined;
  let at = 3 + monikerLength;
  const instruction = payload[at++] as number;
  if (instruction > IdProcessingInstruction.Series) return undefined;
  const storeLength = payload.readUInt16LE(at);
  at += 2;
  if (storeLength === 0 || at + storeLength !== payload.length) return undefined;
  return { storage, mailbox: mailbox.toLowerCase(), instruction, storeId: payload.subarray(at) };
}
