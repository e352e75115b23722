/**
 * One wrk (the C HTTP load generator, Debian package `wrk`) run: POST the same body over keep-alive HTTPS
 * and report requests per second. wrk needs a Lua script to send a body and headers.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface WrkTarget {
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface WrkResult {
  requestsPerSecond: number;
  requests: number;
  /** Replies other than 2xx/3xx, and socket errors: both must be 0 for the figure to count. */
  non2xx: number;
  socketErrors: string | undefined;
}

/** A Lua long string that cannot be closed by the text it quotes. */
function luaString(text: string): string {
  let eq = '=';
  while (text.includes(`]${eq}]`)) eq += '=';
  return `[${eq}[${text}]${eq}]`;
}

/** The wrk script setting method, headers and body (wrk -s). */
export function writeWrkScript(target: WrkTarget): { path: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'pgsim-wrk-'));
  const lines = ['wrk.method = "POST"', `wrk.body = ${luaString(target.body)}`];
  for (const [k, v] of Object.entries(target.headers)) lines.push(`wrk.headers[ ${luaString(k)} ] = ${luaString(v)}`);
  const path = join(dir, 'post.lua');
  writeFileSync(path, `${lines.join('\n')}\n`);
  return { path, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Parse wrk's summary. */
export function parseWrk(out: string): WrkResult {
  const rps = /Requests\/sec:\s*([\d.]+)/.exec(out);
  const total = /(\d+) requests in/.exec(out);
  if (!rps || !total) throw new Error(`wrk printed no summary:\n${out}`);
  return {
    requestsPerSecond: Number(rps[1]),
    requests: Number(total[1]),
    non2xx: Number(/Non-2xx or 3xx responses:\s*(\d+)/.exec(out)?.[1] ?? 0),
    socketErrors: /Socket errors:[^\n]*/.exec(out)?.[0],
  };
}

/** Run wrk; `cpu`: the one CPU it may run on (taskset), so it never shares one with the server it loads. */
export function runWrk(
  target: WrkTarget,
  script: string,
  opts: { threads: number; connections: number; seconds: number; cpu?: number },
): Promise<WrkResult> {
  const args = ['-t', String(opts.threads), '-c', String(opts.connections), '-d', `${opts.seconds}s`, '-s', script];
  const [file, argv] =
    opts.cpu === undefined
      ? ['wrk', [...args, target.url]]
      : ['taskset', ['-c', String(opts.cpu), 'wrk', ...args, target.url]];
  return new Promise((resolve, reject) => {
    execFile(file, argv, { timeout: (opts.seconds + 30) * 1000 }, (err, stdout, stderr) => {
      if (err) {
        reject(new Error(`wrk ${args.join(' ')} failed: ${err.message}${stderr ? `\n${stderr}` : ''}`));
        return;
      }
      try {
        resolve(parseWrk(stdout));
      } catch (e) {
        reject(e);
      }
    });
  });
}

/**
 * Keep every thread of process `pid` (and those it starts later) on one CPU. On a machine whose CPUs run at
 * different speeds (a hyperthread shared with another guest, say), a server measured on one and its rival on the
 * other would be compared on the CPUs, not on their code.
 */
export function pinProcess(pid: number, cpu: number): void {
  execFileSync('taskset', ['-a', '-cp', String(cpu), String(pid)], { stdio: 'ignore' });
}
