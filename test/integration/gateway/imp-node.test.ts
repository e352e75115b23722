import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { serveAdminApi } from '../../../gateway/admin-api.ts';
import { ImpConfig } from '../../../gateway/config/imp-config.ts';
import { ImpNode } from '../../../gateway/imp-node.ts';
import { labNetwork } from '../../../gateway/network/gateway-network.ts';
import type { MockExchange } from '../../../mock-exchange/mock-exchange.ts';
import { VirtualClock } from '../../../sim/clock.ts';
import { startMock } from '../../support/mock-server.ts';
import { TEST_START, testOrgConfig } from '../../support/test-org.ts';

describe('IM&P node: admin API, engine lifecycle, persistence', () => {
  let dir: string;
  let mock: MockExchange;
  let clock: VirtualClock;
  let node: ImpNode;
  let api: Awaited<ReturnType<typeof serveAdminApi>>;

  const call = async (method: string, path: string, body?: unknown, raw?: string) => {
    const res = await fetch(`${api.url}/api${path}`, {
      method,
      headers: {
        authorization: `Bearer ${api.token}`,
        ...(raw !== undefined
          ? { 'content-type': 'application/x-pem-file' }
          : body === undefined
            ? {}
            : { 'content-type': 'application/json' }),
      },
      body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
    });
    // biome-ignore lint/suspicious/noExplicitAny: API replies are read field by field in assertions
    return { status: res.status, json: (await res.json()) as Record<string, any> };
  };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pgsim-imp-'));
    clock = new VirtualClock(TEST_START);
    mock = await startMock(testOrgConfig(), clock);
    node = new ImpNode({ notificationPort: 0, dataDir: dir, clock, network: labNetwork(mock.hosts) });
    api = await serveAdminApi(node);
  });
  afterEach(async () => {
    await api.close();
    await node.close();
    await mock.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gateway changes reach the running engine only after a restart', async () => {
    await node.engine.start();
    const added = await call('POST', '/gateways', {
      host: 'ex1.example.test',
      port: mock.org.server('ex1')!.port,
      accountName: 'svc-imp',
      accountPassword: 'Imp-Passw0rd',
    });
    expect(added.status).toBe(201);
    expect(added.json.notice).toBe('Presence Engine restart required');
    expect(node.engine.snapshot?.gateways).toEqual([]);
    expect((await call('GET', '/status')).json.restartRequired).toBe(true);

    const restarted = await call('POST', '/engine/restart');
    expect(restarted.json).toEqual({ state: 'running', restartRequired: false });
    expect(node.engine.snapshot?.gateways.map((g) => g.host)).toEqual(['ex1.example.test']);
    expect(node.journal.entries({ source: 'presence-engine' }).map((e) => e.message)).toEqual([
      'Cisco Presence Engine started with 0 gateway(s), 0 trusted certificate(s)',
      'Cisco Presence Engine stopped (restart)',
      'Cisco Presence Engine restarted with 1 gateway(s), 0 trusted certificate(s)',
    ]);
  });

  it('status rows carry an explanation and a recommended action', async () => {
    await call('POST', '/gateways', { host: 'ex1.example.test', port: mock.org.server('ex1')!.port });
    const status = await call('GET', '/status');
    expect(status.json.rows[0].ssl).toBe('Failed - Certificate Missing From Chain');
    expect(status.json.rows[0].help.ssl.action).toMatch(/upload it to cup-trust/);
  });

  it('the trust store fix path: upload through the API, the status turns Verified, the engine sees it after restart', async () => {
    await node.engine.start();
    await call('POST', '/gateways', { host: 'ex1.example.test', port: mock.org.server('ex1')!.port });
    const up = await call('POST', '/trust/cup-trust?filename=root.pem', undefined, mock.pki.root.pem);
    expect(up.status).toBe(201);
    expect((await call('GET', '/status')).json.rows[0].ssl).toBe('Verified');
    expect(node.engine.snapshot?.trusted).toHaveLength(0);
    await call('POST', '/engine/restart');
    expect(node.engine.snapshot?.trusted).toHaveLength(1);
  });

  it.each([
    ['POST', '/gateways', { host: 'not a host' }, 400, 'INVALID_HOST', 'host'],
    ['POST', '/gateways', { host: 'ex1.example.test', port: 0 }, 400, 'INVALID_PORT', 'port'],
    ['POST', '/gateways', { host: 'ex1.example.test', port: 70000 }, 400, 'INVALID_PORT', 'port'],
    ['PATCH', '/gateways/nope', { port: 1 }, 404, 'UNKNOWN_GATEWAY', 'gateway'],
    ['PATCH', '/parameters', { exchangeTimeout: 21 }, 400, 'PARAMETER_OUT_OF_RANGE', 'exchangeTimeout'],
    ['POST', '/engine/stop', undefined, 409, 'ENGINE_STATE', undefined],
  ])('%s %s with bad input answers %i %s and changes nothing', async (method, path, body, status, code, field) => {
    const before = node.config.db.generation();
    const r = await call(method, path, body);
    expect(r.status).toBe(status);
    expect(r.json.code).toBe(code);
    expect(r.json.field).toBe(field);
    expect(node.config.db.generation()).toBe(before);
  });

  it('refuses a duplicate gateway and a garbage upload', async () => {
    await call('POST', '/gateways', { host: 'ex1.example.test' });
    expect((await call('POST', '/gateways', { host: 'ex1.example.test' })).status).toBe(409);
    const garbage = await call('POST', '/trust/cup-trust?filename=junk.pem', undefined, 'this is not a certificate');
    expect(garbage).toMatchObject({ status: 400, json: { code: 'NOT_A_CERTIFICATE' } });
    expect(garbage.json.error).toContain('junk.pem');
    expect(node.config.trust.list()).toEqual([]);
    expect((await call('POST', '/gateways', '{oops' as never)).status).toBe(400);
  });

  it('configuration and trust store survive a restart of the process', async () => {
    node.addGateway({ host: 'ex1.example.test', port: 8443 });
    node.config.gateways.setAccount('svc-imp', 'pw');
    node.config.parameters.set({ ewsStatusFrequency: 15 });
    node.uploadTrust('cup-trust', 'root.pem', mock.pki.root.pem);
    await api.close();
    await node.close();

    node = new ImpNode({ notificationPort: 0, dataDir: dir, clock, network: labNetwork(mock.hosts) });
    api = await serveAdminApi(node);
    expect(node.config.gateways.list().map((g) => `${g.host}:${g.port}`)).toEqual(['ex1.example.test:8443']);
    expect(node.config.gateways.account()).toEqual({ accountName: 'svc-imp', password: 'pw', authMethod: 'Basic' });
    expect(node.config.parameters.get().ewsStatusFrequency).toBe(15);
    expect(node.config.trust.list('cup-trust')).toHaveLength(1);
  });
});

describe('trust store crash safety', () => {
  it('a process killed in the middle of an upload leaves the store as it was before', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pgsim-crash-'));
    const mock = await startMock();
    try {
      const bundle = join(dir, 'bundle.pem');
      writeFileSync(bundle, mock.pki.caChainPem.join('\n'));
      ImpConfig.open(dir, new VirtualClock(TEST_START)).close();
      const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/upload-then-hang.ts', dir, bundle], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (d: Buffer) => {
          if (d.toString().includes('mid-write')) resolve();
        });
        child.once('exit', (code) => reject(new Error(`child exited early with ${code}`)));
      });
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;
      const after = ImpConfig.open(dir, new VirtualClock(TEST_START));
      expect(after.trust.list()).toEqual([]);
      expect(after.db.get<{ integrity_check: string }>('PRAGMA integrity_check')?.integrity_check).toBe('ok');
      after.trust.upload('cup-trust', 'bundle.pem', mock.pki.caChainPem.join('\n'));
      expect(after.trust.list()).toHaveLength(2);
      after.close();
    } finally {
      await mock.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
