/** Child process of bench/hostile-input.ts: an IM&P node whose Presence Engine listens for push notifications. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImpNode } from '../gateway/imp-node.ts';
import { labNetwork } from '../gateway/network/gateway-network.ts';
import { SystemClock } from '../sim/clock.ts';
import { HostsTable } from '../sim/network.ts';

const dir = mkdtempSync(join(tmpdir(), 'pgsim-hostile-'));
const node = new ImpNode({
  dataDir: dir,
  clock: new SystemClock(),
  network: labNetwork(new HostsTable()),
  notificationPort: 0,
  debugLog: { maxBytes: 10 * 1024 * 1024, files: 5 },
});
// A gateway on 127.0.0.1 (nothing listens on its port): the flood comes from a configured gateway's address.
node.config.gateways.setAccount('svc-imp', 'Imp-Passw0rd');
node.config.addGateway({ host: '127.0.0.1', port: 9 });
await node.engine.start();
process.send?.({ type: 'ready', url: node.calendars.callbackUrl, dir });
process.on('message', (m: { type: string }) => {
  if (m.type !== 'stop') return;
  void node.close().then(() => {
    rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  });
});
