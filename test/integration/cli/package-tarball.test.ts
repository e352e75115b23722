import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseXml } from '../../../ews/soap-request.ts';
import type { ReadyInfo } from '../../../mock-exchange/mock-exchange.ts';
import { calendarView } from '../../support/ews-request-bodies.ts';
import { REPO_ROOT } from '../../support/pgsim-process.ts';
import { soapEnvelope } from '../../support/soap-envelope.ts';

/**
 * The package as a user gets it: `npm pack` in the repository, the tarball installed into an empty folder outside
 * it, `npx pgsim mock-exchange` run from there. Slow by nature (a build when dist/ is stale, an npm install):
 * the bounds below are for a loaded 2-core machine, not timing claims.
 */
const SLOW_MS = 600_000;

/** Its own loopback addresses and free ports, so it never meets another suite's organization. */
const ORG = {
  domain: 'pkg.test',
  seed: 'pkg',
  servers: [{ name: 'pkg1', fqdn: 'pkg1.pkg.test', ip: '127.0.31.1', port: 0 }],
  accounts: [{ user: 'svc-pkg', password: 'Pkg-Passw0rd', impersonation: true }],
  mailboxes: [
    {
      address: 'frank@pkg.test',
      server: 'pkg1',
      meetings: [{ subject: 'Release review', start: '2030-05-06T10:00:00Z', end: '2030-05-06T11:00:00Z' }],
    },
  ],
};

/** The environment without npm's own variables (an `npm test` run sets them; a user's shell has none). */
function userEnv(home: string): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.toLowerCase().startsWith('npm_')));
  return { ...env, PGSIM_DATA_DIR: join(home, 'data') };
}

function postSoap(server: ReadyInfo['servers'][number], ca: string, body: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: server.ip,
        port: server.port,
        servername: server.fqdn,
        path: '/EWS/Exchange.asmx',
        method: 'POST',
        ca,
        agent: false,
        headers: {
          'Content-Type': 'text/xml; charset=utf-8',
          Authorization: `Basic ${Buffer.from('svc-pkg:Pkg-Passw0rd').toString('base64')}`,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (d: string) => {
          text += d;
        });
        res.on('end', () => resolve(`${res.statusCode}\n${text}`));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function refused(ip: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host: ip, port });
    s.once('connect', () => {
      s.destroy();
      resolve(false);
    });
    s.once('error', (err: NodeJS.ErrnoException) => resolve(err.code === 'ECONNREFUSED'));
  });
}

async function until(check: () => boolean, what: string, log: () => string): Promise<void> {
  const end = Date.now() + SLOW_MS;
  while (Date.now() < end) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what} did not happen; output: ${log()}`);
}

describe('the npm package, packed and installed from its tarball outside the repository', () => {
  let work: string;
  let tarball: string;
  let files: string[];
  let app: string;
  let mock: ChildProcess | undefined;

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'pgsim-package-'));
    const packed = execFileSync('npm', ['pack', '--json', '--pack-destination', work], {
      cwd: REPO_ROOT,
      env: userEnv(work),
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    });
    // The build (prepare) may print before npm's JSON: the JSON is the last thing on stdout.
    const [info] = JSON.parse(packed.slice(packed.search(/^\[/m))) as [{ filename: string; files: { path: string }[] }];
    tarball = join(work, info.filename);
    files = info.files.map((f) => f.path);
    app = join(work, 'app');
    execFileSync('mkdir', [app]);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'pgsim-user', private: true }));
    // From npm's cache when it holds every dependency, from the registry otherwise.
    execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', tarball], {
      cwd: app,
      env: userEnv(work),
      stdio: 'ignore',
    });
  }, SLOW_MS);

  afterAll(() => {
    if (mock?.pid && mock.exitCode === null && mock.signalCode === null) {
      try {
        process.kill(-mock.pid, 'SIGKILL');
      } catch {}
    }
    rmSync(work, { recursive: true, force: true });
  });

  it('holds the compiled CLI with declaration files, the whole catalog, the dashboard page, README and LICENSE', () => {
    for (const f of [
      'package.json',
      'README.md',
      'LICENSE',
      'cli/bin/pgsim.js',
      'dist/cli/cli.js',
      'dist/cli/cli.d.ts',
      'dist/mock-exchange/mock-exchange.js',
      'dist/mock-exchange/mock-exchange.d.ts',
      'dist/dashboard/client/main.js',
      'dist/dashboard/client/index.html',
      'dist/dashboard/client/dashboard.css',
    ])
      expect(files).toContain(f);
    const catalog = readdirSync(join(REPO_ROOT, 'scenarios', 'catalog')).filter((f) => f.endsWith('.yaml'));
    expect(catalog.length).toBeGreaterThan(0);
    for (const f of catalog) expect(files).toContain(`dist/scenarios/catalog/${f}`);
  });

  it('holds no tests, benchmarks, build scripts or TypeScript sources', () => {
    expect(files.filter((f) => /^(test|bench|scripts|docs|examples|node_modules)\//.test(f))).toEqual([]);
    expect(files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);
  });

  it('installs with its runtime dependencies only: no TypeScript runner, compiler or bundler', () => {
    const installed = join(app, 'node_modules');
    expect(existsSync(join(installed, 'pgsim', 'dist', 'cli', 'cli.js'))).toBe(true);
    for (const dev of ['tsx', 'typescript', 'esbuild', 'vitest'])
      expect(existsSync(join(installed, dev)), dev).toBe(false);
  });

  it('npx pgsim mock-exchange --ready-file runs from there, answers FindItem over HTTPS, and stops', {
    timeout: SLOW_MS,
  }, async () => {
    writeFileSync(join(app, 'org.json'), JSON.stringify(ORG));
    const readyFile = join(app, 'ready.json');
    let out = '';
    mock = spawn('npx', ['pgsim', 'mock-exchange', '--config', 'org.json', '--ready-file', readyFile], {
      cwd: app,
      env: userEnv(work),
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    mock.stdout?.setEncoding('utf8').on('data', (d: string) => {
      out += d;
    });
    mock.stderr?.setEncoding('utf8').on('data', (d: string) => {
      out += d;
    });
    const exited = new Promise<void>((resolve) => mock?.once('exit', () => resolve()));
    await until(
      () => existsSync(readyFile) || mock?.exitCode !== null,
      'the ready file',
      () => out,
    );
    expect(existsSync(readyFile), out).toBe(true);
    const ready = JSON.parse(readFileSync(readyFile, 'utf8')) as ReadyInfo;
    const [server] = ready.servers;
    if (!server) throw new Error(`no server in the ready file: ${JSON.stringify(ready)}`);
    expect([server.fqdn, server.ip]).toEqual(['pkg1.pkg.test', '127.0.31.1']);

    const reply = await postSoap(
      server,
      readFileSync(ready.caFile ?? '', 'utf8'),
      soapEnvelope(calendarView('2030-05-06T00:00:00.000Z', '2030-05-07T00:00:00.000Z', 10), {
        impersonate: 'frank@pkg.test',
      }),
    );
    const [status, ...body] = reply.split('\n');
    expect(status).toBe('200');
    const message = (await parseXml(body.join('\n'))).at(
      'Body',
      'FindItemResponse',
      'ResponseMessages',
      'FindItemResponseMessage',
    );
    expect(message?.textAt('ResponseCode')).toBe('NoError');
    expect(
      message
        ?.at('RootFolder', 'Items')
        ?.all('CalendarItem')
        .map((i) => i.textAt('Subject')),
    ).toEqual(['Release review']);

    // Ctrl-C in a terminal: SIGINT to the whole process group (npm, its shell, pgsim).
    process.kill(-(mock.pid as number), 'SIGINT');
    await exited;
    expect(await refused(server.ip, server.port)).toBe(true);
  });
});
