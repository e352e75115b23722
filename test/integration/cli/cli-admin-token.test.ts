import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXCHANGE_STATE_FILE, recordRunningExchange } from '../../../cli/exchange-client.ts';
import { serveAdminApi } from '../../../gateway/admin-api.ts';
import { NODE_STATE_FILE } from '../../../gateway/config/data-dir.ts';
import { ImpNode } from '../../../gateway/imp-node.ts';
import { labNetwork } from '../../../gateway/network/gateway-network.ts';
import type { MockExchange } from '../../../mock-exchange/mock-exchange.ts';
import { VirtualClock } from '../../../sim/clock.ts';
import { startMock } from '../../support/mock-server.ts';
import { runPgsim, startPgsim } from '../../support/pgsim-process.ts';
import { TEST_START } from '../../support/test-org.ts';

const mode = (file: string) => statSync(file).mode & 0o777;

/** The CLI finds the admin token where the running node or organization recorded it, or takes --token / $PGSIM_TOKEN. */
describe('CLI: the admin token', () => {
  let work: string;
  let mock: MockExchange;
  let node: ImpNode;
  let api: Awaited<ReturnType<typeof serveAdminApi>>;
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'pgsim-token-cli-'));
    mock = await startMock();
    mkdirSync(join(work, 'imp'));
    node = new ImpNode({
      notificationPort: 0,
      dataDir: join(work, 'imp'),
      clock: new VirtualClock(TEST_START),
      network: labNetwork(mock.hosts),
    });
    api = await serveAdminApi(node);
    node.recordAdminUrl(api.url, api.token);
  });
  afterAll(async () => {
    await api?.close();
    await node?.close();
    await mock?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it('state files keep the token readable by their owner only (0600), even over an older 0644 file', () => {
    const state = JSON.parse(readFileSync(join(work, 'imp', NODE_STATE_FILE), 'utf8'));
    expect(state.token).toBe(api.token);
    expect(mode(join(work, 'imp', NODE_STATE_FILE))).toBe(0o600);
    const data = join(work, 'exchange');
    recordRunningExchange(mock, data);
    writeFileSync(join(data, EXCHANGE_STATE_FILE), '{}', { mode: 0o644 });
    recordRunningExchange(mock, data);
    expect(mode(join(data, EXCHANGE_STATE_FILE))).toBe(0o600);
    expect(JSON.parse(readFileSync(join(data, EXCHANGE_STATE_FILE), 'utf8')).token).toBe(mock.adminApi?.token);
  });

  it('commands present the token recorded in the data directory', async () => {
    const gw = await runPgsim(['gateway', 'list', '--data-dir', join(work, 'imp')]);
    expect(gw.stderr).toBe('');
    expect(gw.code).toBe(0);
    const faults = await runPgsim([
      'exchange',
      'fault',
      'list',
      '--server',
      'ex1',
      '--data-dir',
      join(work, 'exchange'),
    ]);
    expect(faults.stderr).toBe('');
    expect(faults.code).toBe(0);
  }, 90_000);

  it('elsewhere (no record): refused with a message that says how, then --token or $PGSIM_TOKEN gets in', async () => {
    const url = mock.adminApi?.url ?? '';
    const token = mock.adminApi?.token ?? '';
    const remote = [
      'exchange',
      'fault',
      'list',
      '--server',
      'ex1',
      '--admin-url',
      url,
      '--data-dir',
      join(work, 'none'),
    ];
    const none = await runPgsim(remote);
    expect(none.code).toBe(1);
    expect(none.stderr).toBe(
      `pgsim: the mock Exchange admin API at ${url} wants its admin token (no admin token was found): run on the machine and data directory it records its state in, or pass --token or set PGSIM_TOKEN\n`,
    );
    const wrong = await runPgsim([...remote, '--token', 'not-the-token']);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('(the token presented was refused)');
    expect((await runPgsim(['--token', token, ...remote])).code).toBe(0);
    expect((await runPgsim([...remote, '--token', token])).code).toBe(0);
    const env = startPgsim(remote, { PGSIM_TOKEN: token });
    expect((await env.exited).code).toBe(0);
  }, 180_000);
});
