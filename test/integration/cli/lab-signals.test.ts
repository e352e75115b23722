import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { distIsCurrent } from '../../../cli/bin/source-stamp.js';
import { REPO_ROOT } from '../../support/pgsim-process.ts';

interface Ready {
  dashboardUrl: string;
  exchange: { servers: { ip: string; port: number }[] };
}

/** Bound on every wait below: start-up of a whole lab on a loaded 2-core machine, not a timing claim. */
const BOUND_MS = 60_000;

/** How the user starts the lab: the process that command starts is the one a signal goes to. */
type Launcher = 'npm start' | 'npx pgsim lab' | 'compiled bin';

const LAB_ARGS = (readyFile: string, dataDir: string) => [
  '--ready-file',
  readyFile,
  '--data-dir',
  dataDir,
  '--dashboard-port',
  '0',
];

function command(launcher: Launcher, readyFile: string, dataDir: string): [string, string[]] {
  const args = LAB_ARGS(readyFile, dataDir);
  if (launcher === 'npm start') return ['npm', ['start', '--', ...args]];
  if (launcher === 'npx pgsim lab') return ['npx', ['pgsim', 'lab', ...args]];
  return [process.execPath, [join(REPO_ROOT, 'cli', 'bin', 'pgsim.js'), 'lab', ...args]];
}

/** The lab as a user starts it, in its own process group so a failed test can still clean up. */
interface Started {
  npm: ChildProcess;
  readyFile: string;
  exited: Promise<void>;
  gone: boolean;
}

function npmStart(dataDir: string, launcher: Launcher = 'npm start'): Started {
  const readyFile = join(dataDir, `ready-${Date.now()}.json`);
  const out = openSync(`${readyFile}.log`, 'w');
  const [file, args] = command(launcher, readyFile, dataDir);
  // Without npm's variables of an `npm test` run: the user's shell has none.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.toLowerCase().startsWith('npm_')));
  const npm = spawn(file, args, { cwd: REPO_ROOT, env, stdio: ['ignore', out, out], detached: true });
  const started: Started = { npm, readyFile, exited: Promise.resolve(), gone: false };
  started.exited = new Promise<void>((resolve) =>
    npm.once('exit', () => {
      started.gone = true;
      resolve();
    }),
  );
  return started;
}

/** Wait for the lab's ready file; a lab that exits first (a port taken) fails at once, with its output. */
async function ready(s: Started, what: string): Promise<Ready> {
  await until(() => {
    if (existsSync(s.readyFile)) return true;
    if (s.gone) throw new Error(`${what}: npm exited first: ${readFileSync(`${s.readyFile}.log`, 'utf8')}`);
    return false;
  }, what);
  return JSON.parse(readFileSync(s.readyFile, 'utf8')) as Ready;
}

/** Poll (bounded) until `check` holds. */
async function until(check: () => Promise<boolean> | boolean, what: string): Promise<void> {
  const end = Date.now() + BOUND_MS;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not happen within ${BOUND_MS / 1000} s`);
}

function listening(ip: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host: ip, port });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

async function ports(ready: Ready): Promise<boolean[]> {
  return Promise.all(ready.exchange.servers.map((s) => listening(s.ip, s.port)));
}

describe('the lab stops when the process the user started is told to, and starts again on the same ports', () => {
  let dir: string;
  const groups: number[] = [];
  afterEach(() => {
    // Whatever a failed test left: the whole process group, as a last resort.
    for (const pgid of groups.splice(0)) {
      try {
        process.kill(-pgid, 'SIGKILL');
      } catch {}
    }
    rmSync(dir, { recursive: true, force: true });
  });

  // The compiled bin runs dist/ only when it is current: build it (a no-op when `npm ci` just did).
  beforeAll(() => {
    execFileSync(process.execPath, [join(REPO_ROOT, 'scripts', 'build.mjs')], { cwd: REPO_ROOT, stdio: 'ignore' });
  }, 10 * BOUND_MS);

  it.each([
    ['npm start', 'SIGTERM', 'SIGTERM to the npm process only'],
    ['npm start', 'SIGINT', 'SIGINT to the npm process only'],
    ['npm start', 'SIGKILL', 'the npm process killed (the parent dies without a word)'],
    ['npx pgsim lab', 'SIGTERM', 'SIGTERM to the npm process only (npm, then a shell, then the lab)'],
    ['npx pgsim lab', 'SIGINT', 'SIGINT to the npm process only (the shell defers it)'],
    ['npx pgsim lab', 'SIGKILL', 'the npm process killed (its shell lives on as an orphan)'],
    ['compiled bin', 'SIGTERM', 'SIGTERM to the lab process'],
    ['compiled bin', 'SIGINT', 'SIGINT to the lab process'],
  ] as const)('%s, %s: %s', { timeout: 4 * BOUND_MS }, async (launcher, signal, _what) => {
    if (launcher === 'compiled bin') expect(distIsCurrent(REPO_ROOT)).toBe(true);
    dir = mkdtempSync(join(tmpdir(), 'pgsim-signals-'));
    const first = npmStart(dir, launcher);
    groups.push(first.npm.pid as number);
    const up = await ready(first, 'the first lab coming up');
    expect(await ports(up)).toEqual(up.exchange.servers.map(() => true));

    process.kill(first.npm.pid as number, signal);
    await first.exited;
    await until(async () => (await ports(up)).every((open) => !open), 'every Exchange port being freed');

    const second = npmStart(dir, launcher);
    groups.push(second.npm.pid as number);
    const again = await ready(second, 'the second lab coming up on the same ports');
    expect(again.exchange.servers).toEqual(up.exchange.servers);
    expect(await ports(again)).toEqual(again.exchange.servers.map(() => true));

    process.kill(second.npm.pid as number, 'SIGTERM');
    await second.exited;
    await until(async () => (await ports(again)).every((open) => !open), 'the second lab stopping');
  });
});
