import { chmodSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEBUG_LOG_FILE, resolveDataDir } from '../../../../gateway/config/data-dir.ts';
import { ImpNode } from '../../../../gateway/imp-node.ts';
import { labNetwork } from '../../../../gateway/network/gateway-network.ts';
import { VirtualClock } from '../../../../sim/clock.ts';
import { HostsTable } from '../../../../sim/network.ts';

const mode = (path: string) => statSync(path).mode & 0o777;

describe('data directory and file modes', () => {
  let parent: string;
  beforeEach(() => {
    parent = mkdtempSync(join(tmpdir(), 'pgsim-modes-'));
  });
  afterEach(() => rmSync(parent, { recursive: true, force: true }));

  it('makes a new data directory 0700', () => {
    expect(mode(resolveDataDir(join(parent, 'fresh', 'imp')))).toBe(0o700);
  });

  it('tightens an existing 0755 directory and its 0644 database and debug log to 0700 and 0600', async () => {
    const dir = join(parent, 'old');
    resolveDataDir(dir);
    chmodSync(dir, 0o755);
    writeFileSync(join(dir, DEBUG_LOG_FILE), '', { mode: 0o644 });
    chmodSync(join(dir, DEBUG_LOG_FILE), 0o644);
    const node = new ImpNode({
      notificationPort: 0,
      dataDir: dir,
      clock: new VirtualClock(0),
      network: labNetwork(new HostsTable()),
    });
    node.config.gateways.setAccount('svc-imp', 'pw');
    node.journal.record('info', 'test', 'a line');
    node.recordAdminUrl('http://127.0.0.1:1/', 'a'.repeat(43));
    await node.close();
    expect(mode(dir)).toBe(0o700);
    for (const f of readdirSync(dir)) expect(mode(join(dir, f)), f).toBe(0o600);
    expect(readdirSync(dir)).toEqual(expect.arrayContaining(['imp-config.db', 'debug.log', 'imp-secret.key']));
  });
});
