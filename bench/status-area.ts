// Exchange Server Status refresh: 10 gateways checked concurrently, one of them hanging.
// Prints the whole refresh time, the slowest single check and their ratio; the target is a refresh no
// longer than Exchange Timeout + 0.5 s (the checks run in parallel, so the hang must not add up).

import type { AddressInfo } from 'node:net';
import { createServer, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { ImpNode } from '../gateway/imp-node.ts';
import { labNetwork } from '../gateway/network/gateway-network.ts';
import { checkGateway } from '../gateway/status/gateway-check.ts';
import { refreshStatusArea } from '../gateway/status/status-area.ts';
import { MockExchange } from '../mock-exchange/mock-exchange.ts';
import type { OrgConfig } from '../mock-exchange/org-config.ts';
import { SystemClock } from '../sim/clock.ts';

const servers = Array.from({ length: 9 }, (_, i) => ({
  name: `ex${i + 1}`,
  fqdn: `ex${i + 1}.example.test`,
  ip: `127.0.30.${i + 1}`,
  port: 0,
}));
const org: OrgConfig = {
  domain: 'example.test',
  servers,
  accounts: [{ user: 'svc-imp', password: 'pw', impersonation: true }],
  mailboxes: [{ address: 'alice@example.test', server: 'ex1' }],
};

const clock = new SystemClock();
const mock = new MockExchange({ config: org, clock, adminPort: null });
await mock.start();
const held: Socket[] = [];
const hang = createServer((s) => {
  held.push(s);
  s.on('error', () => {});
});
await new Promise<void>((r) => hang.listen(0, '127.0.30.99', () => r()));
mock.hosts.add('hang.example.test', '127.0.30.99');

const node = new ImpNode({ dataDir: ':memory:', clock, network: labNetwork(mock.hosts) });
node.uploadTrust('cup-trust', 'root.pem', mock.pki.root.pem);
for (const s of mock.org.servers.values()) node.addGateway({ host: s.fqdn, port: s.port });
node.addGateway({ host: 'hang.example.test', port: (hang.address() as AddressInfo).port });
const timeoutMs = node.config.parameters.get().exchangeTimeout * 1000;

const rounds = Number(process.env.ROUNDS ?? 3);
for (let round = 1; round <= rounds; round++) {
  const ctx = node.checkContext();
  const single = await Promise.all(
    node.config.gateways.list().map(async (gw) => {
      const t0 = performance.now();
      const r = await checkGateway(gw, ctx);
      return { host: gw.host, ssl: r.ssl, ms: performance.now() - t0 };
    }),
  );
  const slowest = single.reduce((a, b) => (b.ms > a.ms ? b : a));
  const t0 = performance.now();
  const area = await refreshStatusArea(node.config.gateways.list(), node.checkContext());
  const refresh = performance.now() - t0;
  const verified = area.rows.filter((r) => r.ssl === 'Verified').length;
  console.log(
    `round ${round}: refresh ${refresh.toFixed(0)} ms for ${area.rows.length} gateways (${verified} Verified, ` +
      `hang: ${area.rows.find((r) => r.gateway.host === 'hang.example.test')?.ssl}); slowest single check ${slowest.ms.toFixed(0)} ms (${slowest.host}); ` +
      `ratio refresh/slowest ${(refresh / slowest.ms).toFixed(3)}; target refresh <= ${timeoutMs + 500} ms: ${refresh <= timeoutMs + 500 ? 'met' : 'MISSED'}`,
  );
}
for (const s of held) s.destroy();
await new Promise((r) => hang.close(r));
await node.close();
await mock.stop();
