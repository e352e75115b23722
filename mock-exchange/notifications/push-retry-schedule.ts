/** Exchange's first push retry comes 30 s after the failed attempt; each later one doubles that offset. */
export const FIRST_PUSH_RETRY_MS = 30_000;

/**
 * Offset from the first failed attempt of retry number `n` (1-based), or undefined when it would fall
 * beyond StatusFrequency: for the default 30 minutes, retries at 0:30, 1:00, 2:00, 4:00, 8:00, 16:00
 * and none at 32:00 (Microsoft's StatusFrequency table).
 */
export function pushRetryOffset(n: number, statusFrequencyMinutes: number): number | undefined {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`pushRetryOffset: retry number must be >= 1, got ${n}`);
  const offset = FIRST_PUSH_RETRY_MS * 2 ** (n - 1);
  return offset <= statusFrequencyMinutes * 60_000 ? offset : undefined;
}

/** Every retry offset within StatusFrequency, in order. */
export function pushRetryOffsets(statusFrequencyMinutes: number): number[] {
  const out: number[] = [];
  for (let n = 1; ; n++) {
    const offset = pushRetryOffset(n, statusFrequencyMinutes);
    if (offset === undefined) return out;
    out.push(offset);
  }
}
