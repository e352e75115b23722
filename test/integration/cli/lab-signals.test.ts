import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../support/pgsim-process.ts';

interface Ready {
  dashboardUrl: string;
  exchange: { servers: { ip: string; port: number }[] };
}

/** Bound on every wait below: start-up of a whole lab on a loaded 2-core machine, not a timing claim. */
const BOUND_MS = 60_000;

/** `npm start` as a user runs it, in its own process group so a failed test can still clean up. */
interface Started {
  npm: ChildProcess;
  readyFile: string;
  exited: Promise<void>;
  gone: boolean;
}

function npmStart(dataDir: string): Started {
  const readyFile = join(dataDir, `ready-${Date.now()}.json`);
  const out = openSync(`${readyFile}.log`, 'w');
  const npm = spawn('npm', ['start', '--', '--ready-file', readyFile, '--data-dir', dataDir, '--dashboard-port', '0'], {
    cwd: REPO_ROOT,
    stdio: ['ignore', out, out],
    detached: true,
  });
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

  it.each([
    ['SIGTERM', 'SIGTERM to the npm process only'],
    ['SIGINT', 'SIGINT to the npm process only'],
    ['SIGKILL', 'the npm process killed (the parent dies without a word)'],
  ] as const)('%s: %s', { timeout: 4 * BOUND_MS }, async (signal, _what) => {
    dir = mkdtempSync(join(tmpdir(), 'pgsim-signals-'));
    const first = npmStart(dir);
    groups.push(first.npm.pid as number);
    const up = await ready(first, 'the first lab coming up');
    expect(await ports(up)).toEqual(up.exchange.servers.map(() => true));

    process.kill(first.npm.pid as number, signal);
    await first.exited;
    await until(async () => (await ports(up)).every((open) => !open), 'every Exchange port being freed');

    const second = npmStart(dir);
    groups.push(second.npm.pid as number);
    const again = await ready(second, 'the second lab coming up on the same ports');
    expect(again.exchange.servers).toEqual(up.exchange.servers);
    expect(await ports(again)).toEqual(again.exchange.servers.map(() => true));

    process.kill(second.npm.pid as number, 'SIGTERM');
    await second.exited;
    await until(async () => (await ports(again)).every((open) => !open), 'the second lab stopping');
  });
});
