/** How often the lab looks for its parent; a stop within half a second is what a supervisor expects. */
const WATCH_MS = 500;

/**
 * Calls `onGone` once the process that started this one has died: the kernel then re-parents it (to init
 * or a subreaper), which is how an orphaned lab notices that `npm` or a shell was killed without telling it.
 */
export function watchParent(onGone: (parentPid: number) => void, intervalMs = WATCH_MS): () => void {
  const parent = process.ppid;
  // Started by init or a container's entry point: there is no parent to outlive.
  if (parent <= 1) return () => {};
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    onGone(parent);
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
