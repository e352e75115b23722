/**
 * Resolve when `done()` holds, checking once per event-loop turn: for outcomes of real I/O that virtual time
 * does not drive. Bounded by a number of turns, not by wall-clock time.
 */
export async function waitUntil(done: () => boolean, what = 'condition', maxTurns = 500_000): Promise<void> {
  for (let turn = 0; turn < maxTurns; turn++) {
    if (done()) return;
    await new Promise<void>((r) => setImmediate(r));
  }
  throw new Error(`${what} did not happen within ${maxTurns} turns`);
}
