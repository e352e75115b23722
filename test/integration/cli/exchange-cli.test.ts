import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXCHANGE_STATE_FILE, recordRunningExchange } from '../../../cli/exchange-client.ts';
import type { MockExchange, ReadyInfo } from '../../../mock-exchange/mock-exchange.ts';
import type { OrgConfig } from '../../../mock-exchange/org-config.ts';
import type { VirtualClock } from '../../../sim/clock.ts';
import { startMock } from '../../support/mock-server.ts';
import { runPgsim, startPgsim, waitForJsonFile } from '../../support/pgsim-process.ts';

/** Yield event-loop turns (not wall time) until the condition holds. */
async function until(cond: () => boolean): Promise<void> {
  for (let i = 0; i < 5000 && !cond(); i++) await new Promise<void>((r) => setTimeout(r, 1));
  expect(cond()).toBe(true);
}

// Each case starts pgsim processes (a few seconds each on a loaded machine).
describe('pgsim exchange: acting on a running organization through its admin API', { timeout: 120_000 }, () => {
  let mock: MockExchange;
  let dataDir: string;
  let work: string;
  beforeAll(async () => {
    mock = await startMock();
    work = mkdtempSync(join(tmpdir(), 'pgsim-exchange-cli-'));
    dataDir = join(work, 'data');
    recordRunningExchange(mock, dataDir);
  });
  afterAll(async () => {
    await mock.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it('export-ca writes the CA certificates of the server chain as PEM files', async () => {
    await mock.setCertificateProfile('ex1', 'missing-intermediate');
    const out = join(work, 'ca');
    const r = await runPgsim(['exchange', 'export-ca', '--server', 'ex1', '--out', out, '--data-dir', dataDir]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['pgsim-lab-issuing-ca.pem', 'pgsim-lab-root-ca.pem']);
    expect(readFileSync(join(out, 'pgsim-lab-issuing-ca.pem'), 'utf8')).toBe(mock.pki.issuing.pem.replaceAll('\r', ''));
    expect(readFileSync(join(out, 'pgsim-lab-root-ca.pem'), 'utf8')).toBe(mock.pki.root.pem.replaceAll('\r', ''));
    expect(r.stdout).toContain('pgsim-lab-issuing-ca.pem');
  });

  it('profile switches a server certificate; fault add and reset act on the same organization', async () => {
    const p = await runPgsim(['exchange', 'profile', '--server', 'ex2', 'expired', '--data-dir', dataDir, '--json']);
    expect(p.code).toBe(0);
    expect(JSON.parse(p.stdout)).toMatchObject({
      server: 'ex2',
      profile: 'expired',
      status: 'Failed - Bad Certificates',
    });
    expect(mock.certificates.profile('ex2').name).toBe('expired');
    const f = await runPgsim([
      'exchange',
      'fault',
      'add',
      '--server',
      'ex2',
      'latency',
      'latency=2000',
      'jitter=100',
      '--data-dir',
      dataDir,
    ]);
    expect(f.code).toBe(0);
    expect(f.stdout).toContain('delayed by 2000 ms ± 100 ms');
    expect(mock.faults.list('ex2')).toEqual([
      { type: 'latency', name: 'latency', toxicity: 1, latency: 2000, jitter: 100, stream: 'downstream' },
    ]);
    const reset = await runPgsim(['exchange', 'reset', '--server', 'ex2', '--data-dir', dataDir]);
    expect(reset.code).toBe(0);
    expect(mock.certificates.profile('ex2').name).toBe('valid');
    expect(mock.faults.list('ex2')).toEqual([]);
  });

  it('bad input fails with the API message naming the field and the allowed values', async () => {
    const r = await runPgsim(['exchange', 'profile', '--server', 'ex1', 'self-signed', '--data-dir', dataDir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^pgsim: profile: unknown certificate profile "self-signed"; allowed: valid, exchange-self-signed,/,
    );
    const f = await runPgsim([
      'exchange',
      'fault',
      'add',
      '--server',
      'ex1',
      'latency',
      'lag=5',
      '--data-dir',
      dataDir,
    ]);
    expect(f.code).toBe(1);
    expect(f.stderr).toMatch(
      /fault\.lag: unknown attribute for latency; allowed: name, toxicity, latency, jitter, stream/,
    );
    expect(mock.faults.list('ex1')).toEqual([]);
  });

  it('restart --down takes a duration: the listener stays closed that long in sim time, then reopens', async () => {
    const bad = await runPgsim(['exchange', 'restart', '--server', 'ex1', '--down', 'soon', '--data-dir', dataDir]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--down "soon" must be milliseconds (30000) or a duration like 30s, 2m or 1h30m');
    expect(mock.listeners.get('ex1')?.running).toBe(true);
    const r = await runPgsim(['exchange', 'restart', '--server', 'ex1', '--down', '1m30s', '--data-dir', dataDir]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('ex1 restarted: 0 subscription(s) lost; listener down for 90000 ms of sim time\n');
    await until(() => mock.listeners.get('ex1')?.running === false);
    (mock.clock as VirtualClock).advance(89_999);
    expect(mock.listeners.get('ex1')?.running).toBe(false);
    (mock.clock as VirtualClock).advance(1);
    await until(() => mock.listeners.get('ex1')?.listening === true);
    const ms = await runPgsim([
      'exchange',
      'restart',
      '--server',
      'ex2',
      '--down',
      '0',
      '--data-dir',
      dataDir,
      '--json',
    ]);
    expect(JSON.parse(ms.stdout)).toEqual({ server: 'ex2', lostSubscriptions: 0, downMs: 0 });
  });

  it('without a running organization it says how to start one', async () => {
    const r = await runPgsim([
      'exchange',
      'export-ca',
      '--server',
      'ex1',
      '--out',
      work,
      '--data-dir',
      join(work, 'empty'),
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no mock Exchange is running on data directory .*; start one with "pgsim mock-exchange"/);
  });
});

describe('pgsim mock-exchange records its admin API; pgsim exchange export-ca finds it', { timeout: 120_000 }, () => {
  it('a YAML organization file with a bad fault is refused naming the field; nothing starts', async () => {
    const work = mkdtempSync(join(tmpdir(), 'pgsim-exchange-cli-'));
    const file = join(work, 'org.yaml');
    writeFileSync(
      file,
      [
        'domain: cli.test',
        'servers:',
        '  - { name: mbx1, fqdn: mbx1.cli.test, ip: 127.0.31.2, port: 0, faults: [{ type: latency, latency: 10, jiter: 5 }] }',
        'accounts: []',
        'mailboxes: []',
      ].join('\n'),
    );
    try {
      const r = await runPgsim(['mock-exchange', '--config', file, '--data-dir', join(work, 'data')]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(
        'servers[0].faults[0].jiter: unknown attribute for latency; allowed: name, toxicity, latency, jitter, stream',
      );
      expect(existsSync(join(work, 'data', EXCHANGE_STATE_FILE))).toBe(false);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  it('export-ca against a separate running organization, and the record is removed when it stops', async () => {
    const work = mkdtempSync(join(tmpdir(), 'pgsim-exchange-cli-'));
    const config: OrgConfig = {
      domain: 'cli.test',
      seed: 'cli-ca',
      servers: [
        { name: 'mbx1', fqdn: 'mbx1.cli.test', ip: '127.0.31.1', port: 0, certificate: 'exchange-self-signed' },
      ],
      accounts: [{ user: 'svc', password: 'pw', impersonation: true }],
      mailboxes: [],
    };
    const configFile = join(work, 'org.json');
    writeFileSync(configFile, JSON.stringify(config));
    const dataDir = join(work, 'data');
    const readyFile = join(work, 'ready.json');
    const proc = startPgsim([
      'mock-exchange',
      '--config',
      configFile,
      '--ready-file',
      readyFile,
      '--data-dir',
      dataDir,
    ]);
    try {
      const ready = await waitForJsonFile<ReadyInfo>(readyFile, proc);
      const state = JSON.parse(readFileSync(join(dataDir, EXCHANGE_STATE_FILE), 'utf8'));
      expect(state).toMatchObject({ pid: proc.child.pid, adminUrl: ready.adminUrl });
      const out = join(work, 'ca');
      const r = await runPgsim(['exchange', 'export-ca', '--server', 'mbx1', '--out', out, '--data-dir', dataDir]);
      expect(r.code).toBe(0);
      expect(readdirSync(out)).toEqual(['mbx1.pem']);
      expect(readFileSync(join(out, 'mbx1.pem'), 'utf8')).toMatch(/^-----BEGIN CERTIFICATE-----/);
    } finally {
      proc.child.kill('SIGTERM');
      await proc.exited;
      rmSync(work, { recursive: true, force: true });
    }
    expect(existsSync(join(dataDir, EXCHANGE_STATE_FILE))).toBe(false);
  });
});
