import { type ChildProcess, spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../support/pgsim-process.ts';

/** Bound on every wait: a tsx start-up on a loaded 2-core machine, not a timing claim. */
const BOUND_MS = 60_000;

interface Shell {
  sh: ChildProcess;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** `sh -c "node fixture"` as `npm exec` (npx) runs a bin: dash keeps itself between npm and the bin. */
function underShell(env: NodeJS.ProcessEnv): Shell {
  const cmd = `"${process.execPath}" --import tsx test/fixtures/watch-parent.ts`;
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.toLowerCase().startsWith('npm_')));
  const sh = spawn('/bin/sh', ['-c', cmd], { cwd: REPO_ROOT, env: { ...clean, ...env }, detached: true });
  let out = '';
  sh.stdout?.setEncoding('utf8').on('data', (d: string) => {
    out += d;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    sh.once('close', (code, signal) => resolve({ code, signal })),
  );
  return { sh, output: () => out, exited };
}

async function until(check: () => boolean, what: string, log: () => string): Promise<void> {
  const end = Date.now() + BOUND_MS;
  while (Date.now() < end) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${what} did not happen; output: ${log()}`);
}

describe.skipIf(process.platform !== 'linux')('watchParent under the shell npm puts between itself and a bin', () => {
  const groups: number[] = [];
  afterEach(() => {
    for (const pgid of groups.splice(0)) {
      try {
        process.kill(-pgid, 'SIGKILL');
      } catch {}
    }
  });

  it('SIGINT to the shell alone (which the shell defers) stops the watched process, and then the shell', {
    timeout: 2 * BOUND_MS,
  }, async () => {
    const s = underShell({ npm_lifecycle_event: 'npx' });
    groups.push(s.sh.pid as number);
    await until(() => s.output().includes('watching\n'), 'the watch starting', s.output);
    process.kill(s.sh.pid as number, 'SIGINT');
    await until(() => s.output().includes('stopped:'), 'the watched process stopping', s.output);
    expect(s.output()).toContain(`stopped: the shell npm started (process ${s.sh.pid}) was sent a signal\n`);
    // The shell ran its deferred SIGINT once its command ended.
    expect(await s.exited).toEqual({ code: null, signal: 'SIGINT' });
  });

  it('the shell killed: the watched process sees its parent gone', { timeout: 2 * BOUND_MS }, async () => {
    const s = underShell({ npm_lifecycle_event: 'npx' });
    groups.push(s.sh.pid as number);
    await until(() => s.output().includes('watching\n'), 'the watch starting', s.output);
    process.kill(s.sh.pid as number, 'SIGKILL');
    await until(() => s.output().includes('stopped:'), 'the watched process stopping', s.output);
    expect(s.output()).toContain(`stopped: parent process ${s.sh.pid} ended\n`);
  });
});
