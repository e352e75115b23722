import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { docKeyCache, docScratch } from './doc-scratch.ts';
import { firstMissing } from './loose-match.ts';
import { type ShBlock, shBlocks } from './markdown-sh-blocks.ts';
import { type ShCommand, shCommands } from './sh-commands.ts';

export interface DocRunReport {
  ran: number;
  notRunnable: { file: string; line: number; reason: string }[];
  commands: number;
  /** Wall time of each block that ran, by `file:line` of its first line. */
  seconds: Record<string, number>;
  /** `file:line: command` and what differed, one entry per failed block. */
  failures: string[];
}

/** Commands that run until Ctrl-C in the foreground: stopped once their documented output has appeared. */
const UNTIL_INTERRUPTED = [/\bpgsim client\b/, /\bpgsim logs\b.*--follow/, /\bpgsim demo\b(?!.*--auto)/];
/** What a background command prints once it serves, when it has no --ready-file. */
const READY_LINE = 'Press Ctrl-C to stop.';
const BOUND_MS = 60_000;

/** Background commands that bind the lab's fixed addresses (ex1:8443, ex2:8444, the dashboard's 7070). */
const FIXED_ADDRESSES = /\bpgsim (mock-exchange|lab)\b|\bnpm start\b/;

/**
 * Run every `sh` block of the given Markdown files, each in its own scratch folder. Blocks that start
 * something on the lab's fixed addresses run one after another; the others run alongside them.
 */
export async function runDocBlocks(files: { file: string; text: string }[]): Promise<DocRunReport> {
  const report: DocRunReport = { ran: 0, notRunnable: [], commands: 0, seconds: {}, failures: [] };
  const fixedLane: { block: ShBlock; commands: ShCommand[] }[] = [];
  const freeLane: typeof fixedLane = [];
  for (const { file, text } of files) {
    for (const block of shBlocks(file, text)) {
      if (block.notRunnable) {
        report.notRunnable.push({ file, line: block.line - 1, reason: block.notRunnable });
        continue;
      }
      const commands = shCommands(block);
      report.ran++;
      report.commands += commands.length;
      const fixed = commands.some((c) => c.background && FIXED_ADDRESSES.test(c.text));
      (fixed ? fixedLane : freeLane).push({ block, commands });
    }
  }
  const keyCache = docKeyCache();
  try {
    const failures = await Promise.all(
      [fixedLane, freeLane].map(async (lane) => {
        const found: string[] = [];
        for (const { block, commands } of lane) {
          const started = performance.now();
          const failure = await runBlock(block, commands, keyCache);
          report.seconds[`${block.file}:${block.line}`] = Math.round((performance.now() - started) / 100) / 10;
          if (failure) found.push(failure);
        }
        return found;
      }),
    );
    report.failures = failures.flat().sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  } finally {
    rmSync(keyCache, { recursive: true, force: true });
  }
  return report;
}

async function runBlock(block: ShBlock, commands: ShCommand[], keyCache: string): Promise<string | undefined> {
  const { dir, env } = docScratch(keyCache);
  const background: Running[] = [];
  try {
    for (const cmd of commands) {
      const where = `${block.file}:${cmd.line}: ${cmd.text}`;
      const proc = start(cmd.text, dir, env);
      if (cmd.background) {
        background.push(proc);
        const readyFile = /--ready-file[ =](\S+)/.exec(cmd.text)?.[1];
        const ready = await until(proc, () =>
          readyFile ? existsSync(join(dir, readyFile)) : proc.output.includes(READY_LINE),
        );
        if (ready !== 'met') return `${where}\n  never became ready (${ready})\n${tail(proc.output)}`;
        continue;
      }
      const interrupt = UNTIL_INTERRUPTED.some((r) => r.test(cmd.text));
      const outcome = await until(
        proc,
        () => interrupt && cmd.expect.length > 0 && !firstMissing(cmd.expect, proc.output),
      );
      if (outcome === 'met') await stop(proc);
      else if (outcome !== 'exit 0') return `${where}\n  ${outcome}\n${tail(proc.output)}`;
      const missing = firstMissing(cmd.expect, proc.output);
      if (missing !== undefined) return `${where}\n  expected output: ${missing}\n  got:\n${tail(proc.output)}`;
    }
    return undefined;
  } finally {
    for (const p of background.reverse()) await stop(p);
    rmSync(dir, { recursive: true, force: true });
  }
}

interface Running {
  child: ChildProcess;
  output: string;
  exit: Promise<number | string>;
  onOutput?: () => void;
}

function start(command: string, cwd: string, env: NodeJS.ProcessEnv): Running {
  // Its own process group, so that stopping it also stops what the shell started.
  const child = spawn('bash', ['-c', command], { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const running: Running = {
    child,
    output: '',
    exit: new Promise((resolve) => child.once('close', (code, signal) => resolve(code ?? String(signal)))),
  };
  const take = (d: Buffer) => {
    running.output += d.toString('utf8');
    running.onOutput?.();
  };
  child.stdout?.on('data', take);
  child.stderr?.on('data', take);
  return running;
}

/** Settle with 'met' when `condition` holds, `exit N` when the process ends first, or the bound. */
function until(proc: Running, condition: () => boolean): Promise<string> {
  return new Promise((resolve) => {
    const finish = (why: string) => {
      clearTimeout(bound);
      clearInterval(poll);
      proc.onOutput = undefined;
      resolve(why);
    };
    const check = () => {
      if (condition()) finish('met');
    };
    // The ready file appears without output; a short poll finds it (the bound below is what fails a run).
    const poll = setInterval(check, 50);
    const bound = setTimeout(() => finish(`no result within ${BOUND_MS / 1000} s`), BOUND_MS);
    proc.onOutput = check;
    void proc.exit.then((code) => {
      if (!condition()) finish(`exit ${code}`);
    });
    check();
  });
}

async function stop(proc: Running): Promise<void> {
  if (proc.child.exitCode !== null || proc.child.signalCode !== null) return;
  const pid = proc.child.pid as number;
  try {
    process.kill(-pid, 'SIGINT');
  } catch {
    return;
  }
  const killer = setTimeout(() => {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {}
  }, 10_000);
  await proc.exit;
  clearTimeout(killer);
}

function tail(output: string, lines = 15): string {
  return output
    .trimEnd()
    .split('\n')
    .slice(-lines)
    .map((l) => `    | ${l}`)
    .join('\n');
}

/** README.md and every Markdown page under docs/. */
export function readDocPages(root: string, docsPages: string[]): { file: string; text: string }[] {
  return ['README.md', ...docsPages].map((file) => ({ file, text: readFileSync(join(root, file), 'utf8') }));
}
