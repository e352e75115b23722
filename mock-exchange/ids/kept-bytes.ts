/** How many bytes one slab of kept values holds: 4,096 mailboxes' ids (40 bytes each). */
const SLAB_BYTES = 160 * 1024;

let slab = Buffer.allocUnsafeSlow(SLAB_BYTES);
let used = 0;

/**
 * A copy of `bytes` for a value kept as long as its mailbox: packed with other kept values into slabs of their own.
 * A slice of Buffer's shared 8 KB pool would keep the whole slab alive, with the short-lived request data that
 * shares it; a buffer of its own costs an ArrayBuffer and its backing store per value.
 */
export function keptBytes(bytes: Uint8Array): Buffer {
  if (bytes.length > SLAB_BYTES / 16) return Buffer.from(bytes);
  if (used + bytes.length > SLAB_BYTES) {
    slab = Buffer.allocUnsafeSlow(SLAB_BYTES);
    used = 0;
  }
  const kept = slab.subarray(used, used + bytes.length);
  kept.set(bytes);
  // Eight-byte alignment, as Buffer's own pool keeps it.
  used += (bytes.length + 7) & ~7;
  return kept;
}
