/**
 * Let real socket I/O that virtual time set off finish: yield to the event loop until `done()` holds.
 * Bounded by a number of loop turns, not by wall-clock time.
 */
export async function settle(done: () => boolean, what = 'condition', maxTurns = 5000): Promise<void> {
  for (let i = 0; i < maxTurns; i++) {
    if (done()) return;
    await new Promise<void>((r) => setImmediate(r));
    if (i % 50 === 49) await new Promise<void>((r) => setTimeout(r, 1));
  }
  if (!done()) throw new Error(`settle: ${what} did not happen`);
}
