import { createHash } from 'node:crypto';
import { keptBytes } from '../ids/kept-bytes.ts';

/** Leading bytes of every watermark: Exchange's start with "AQAAA" in base64. */
const VERSION = Buffer.from([1, 0, 0, 0]);
const TAG_BYTES = 8;
const LENGTH = VERSION.length + TAG_BYTES + 8;

/** The per-mailbox tag inside its watermarks: reproducible from the org seed, distinct per mailbox. */
export function watermarkTag(seed: string | number, address: string): Buffer {
  return keptBytes(
    createHash('sha256').update(`${seed}\0watermark\0${address.toLowerCase()}`).digest().subarray(0, TAG_BYTES),
  );
}

/** An opaque watermark naming position `seq` of one mailbox's change log. */
export function encodeWatermark(tag: Buffer, seq: number): string {
  const out = Buffer.alloc(LENGTH);
  VERSION.copy(out, 0);
  tag.copy(out, VERSION.length);
  out.writeBigUInt64BE(BigInt(seq), VERSION.length + TAG_BYTES);
  return out.toString('base64');
}

/** Decode a watermark into its mailbox tag and position, or undefined when it is not one of ours. */
export function decodeWatermark(watermark: string): { tag: Buffer; seq: number } | undefined {
  const text = watermark.trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return undefined;
  const raw = Buffer.from(text, 'base64');
  if (raw.length !== LENGTH || !raw.subarray(0, VERSION.length).equals(VERSION)) return undefined;
  const seq = raw.readBigUInt64BE(VERSION.length + TAG_BYTES);
  if (seq > BigInt(Number.MAX_SAFE_INTEGER)) return undefined;
  return { tag: Buffer.from(raw.subarray(VERSION.length, VERSION.length + TAG_BYTES)), seq: Number(seq) };
}
