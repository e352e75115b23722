import { readFileSync } from 'node:fs';

/** How often the lab looks for its parent; a stop within half a second is what a supervisor expects. */
const WATCH_MS = 500;

/** Shells `npm exec` (npx) may run a bin through: `sh -c "pgsim lab"`, which dash does not replace by the bin. */
const SHELLS = new Set(['sh', 'dash', 'bash', 'zsh', 'ksh', 'mksh']);

/** How many times a process has been scheduled out (Linux /proc): it moves only when the process woke up. */
function switches(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const count = (name: string) => Number(new RegExp(`^${name}:\\s*(\\d+)`, 'm').exec(status)?.[1] ?? Number.NaN);
    const total = count('voluntary_ctxt_switches') + count('nonvoluntary_ctxt_switches');
    return Number.isNaN(total) ? undefined : total;
  } catch {
    return undefined;
  }
}

/** A process's parent (Linux /proc/PID/stat, field 4, after the command name that may hold spaces and parens). */
function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    return Number.isInteger(ppid) ? ppid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * True when our parent is a shell that npm started for us (npx): npm hands SIGINT to that shell alone, and a
 * non-interactive shell waiting for its command defers SIGINT until the command ends, so we never hear of it.
 */
function npmShellParent(parent: number): boolean {
  if (process.platform !== 'linux' || process.env.npm_lifecycle_event === undefined) return false;
  try {
    return SHELLS.has(readFileSync(`/proc/${parent}/comm`, 'utf8').trim());
  } catch {
    return false;
  }
}

/**
 * The process that started us, as first seen: its pid, and for npx's shell how often it had woken by then and
 * the npm process above it (killed, npm leaves the shell behind as an orphan that still waits for us).
 */
export interface StartingParent {
  pid: number;
  shell: boolean;
  switches: number | undefined;
  shellParent?: number;
}

/** Take this as early as possible: a signal to npx's shell before a lab is up must still count. */
export function startingParent(): StartingParent {
  const pid = process.ppid;
  const shell = pid > 1 && npmShellParent(pid);
  return { pid, shell, switches: shell ? switches(pid) : undefined, shellParent: shell ? parentOf(pid) : undefined };
}

/**
 * Calls `onGone` once, with the reason, when the process that started this one has died (the kernel then
 * re-parents us, which is how an orphaned lab notices that `npm` or a shell was killed without telling it), or
 * when the shell npm put between itself and us was sent a signal: that shell sleeps in wait() while we run, and
 * a shell's ignored signals never wake it, so it wakes only for a signal it handles (SIGINT, SIGQUIT, a trap)
 * or for our own stop and continue, after which the count is taken afresh.
 */
export function watchParent(
  onGone: (reason: string) => void,
  started: StartingParent = startingParent(),
  intervalMs = WATCH_MS,
): () => void {
  const parent = started.pid;
  // Started by init or a container's entry point: there is no parent to outlive.
  if (parent <= 1) return () => {};
  let baseline = started.switches;
  const rebase = () => {
    baseline = switches(parent);
  };
  if (started.shell) process.on('SIGCONT', rebase);
  const stop = () => {
    clearInterval(timer);
    process.off('SIGCONT', rebase);
  };
  const timer = setInterval(() => {
    if (process.ppid !== parent) {
      stop();
      onGone(`parent process ${parent} ended`);
      return;
    }
    const npm = started.shellParent;
    if (npm !== undefined && npm > 1 && parentOf(parent) !== npm) {
      stop();
      onGone(`npm (process ${npm}), which started the shell above us, ended`);
      return;
    }
    if (baseline === undefined) return;
    const now = switches(parent);
    if (now === undefined || now === baseline) return;
    stop();
    onGone(`the shell npm started (process ${parent}) was sent a signal`);
  }, intervalMs);
  timer.unref();
  return stop;
}
