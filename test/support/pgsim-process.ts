import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync, watch } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PGSIM = join(REPO_ROOT, 'cli', 'bin', 'pgsim.js');

export interface PgsimProcess {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Settles when the process has exited, with its code (null when killed by a signal) and signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Start `node cli/bin/pgsim.js ARGS` from the repository root, collecting its output. */
export function startPgsim(args: string[], env: NodeJS.ProcessEnv = {}): PgsimProcess {
  const child = spawn(process.execPath, [PGSIM, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.setEncoding('utf8').on('data', (d: string) => {
    out += d;
  });
  child.stderr?.setEncoding('utf8').on('data', (d: string) => {
    err += d;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('close', (code, signal) => resolve({ code, signal }));
  });
  return { child, stdout: () => out, stderr: () => err, exited };
}

/** Run pgsim to completion. */
export async function runPgsim(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const p = startPgsim(args);
  const { code } = await p.exited;
  return { code, stdout: p.stdout(), stderr: p.stderr() };
}

/**
 * Resolve with the parsed JSON once `file` appears (the writer renames it into place, so it is whole),
 * reject if the process exits first or nothing appears within the bound.
 */
export function waitForJsonFile<T>(file: string, proc: PgsimProcess, boundMs = 60_000): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const watcher = watch(dirname(file));
    const done = (fn: () => void) => {
      watcher.close();
      clearTimeout(bound);
      fn();
    };
    const check = () => {
      if (!existsSync(file)) return;
      const json = JSON.parse(readFileSync(file, 'utf8')) as T;
      done(() => resolve(json));
    };
    const bound = setTimeout(
      () => done(() => reject(new Error(`${basename(file)} did not appear; stderr: ${proc.stderr()}`))),
      boundMs,
    );
    watcher.on('change', (_event, name) => {
      if (String(name) === basename(file)) check();
    });
    void proc.exited.then(({ code, signal }) =>
      done(() => reject(new Error(`pgsim exited (${code ?? signal}) before ${basename(file)}: ${proc.stderr()}`))),
    );
    check();
  });
}
