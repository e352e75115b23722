import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReadyInfo } from '../../../mock-exchange/mock-exchange.ts';
import { type PgsimProcess, REPO_ROOT, startPgsim, waitForJsonFile } from '../../support/pgsim-process.ts';

/** The image's HEALTHCHECK script, run as the engine runs it: exit status 0 healthy, 1 not. */
function healthcheck(...args: string[]): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(REPO_ROOT, 'docker', 'healthcheck.mjs'), ...args], (err, stdout, stderr) =>
      resolve({ code: err ? Number(err.code ?? 1) : 0, out: `${stdout}${stderr}` }),
    );
  });
}

const ORG = {
  domain: 'health.test',
  seed: 'health',
  servers: [
    { name: 'h1', fqdn: 'h1.health.test', ip: '127.0.32.1', port: 0 },
    { name: 'h2', fqdn: 'h2.health.test', ip: '127.0.32.2', port: 0 },
  ],
  accounts: [{ user: 'svc-h', password: 'H-Passw0rd', impersonation: true }],
  mailboxes: [{ address: 'gina@health.test', server: 'h1' }],
};

describe('docker/healthcheck.mjs against a real mock Exchange', () => {
  let dir: string;
  let proc: PgsimProcess;
  let ready: ReadyInfo;
  const readyFile = () => join(dir, 'ready.json');

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pgsim-health-'));
    writeFileSync(join(dir, 'org.json'), JSON.stringify(ORG));
    proc = startPgsim(['mock-exchange', '--config', join(dir, 'org.json'), '--ready-file', readyFile()]);
    ready = await waitForJsonFile<ReadyInfo>(readyFile(), proc);
  }, 60_000);

  afterAll(() => {
    if (proc.child.exitCode === null) proc.child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('is healthy while every server of the ready file accepts connections, or a HOST:PORT does', async () => {
    expect(await healthcheck(readyFile())).toEqual({ code: 0, out: 'healthy\n' });
    const [first] = ready.servers;
    expect(await healthcheck(`${first?.ip}:${first?.port}`)).toEqual({ code: 0, out: 'healthy\n' });
  });

  it('is unhealthy, naming the file, without a ready file', async () => {
    const missing = join(dir, 'none.json');
    expect(await healthcheck(missing)).toEqual({ code: 1, out: `unhealthy: ${missing}: ENOENT\n` });
  });

  it('is unhealthy on a ready file left from a run that has stopped', { timeout: 60_000 }, async () => {
    proc.child.kill('SIGINT');
    await proc.exited;
    const { code, out } = await healthcheck(readyFile());
    expect(code).toBe(1);
    expect(out).toMatch(/^unhealthy: 127\.0\.32\.\d:\d+: ECONNREFUSED\n$/);
  });
});
