/** Child process of bench/presence-scale.ts: an IM&P node (Presence Engine, presence feed) on the wall clock. */
import { writeHeapSnapshot } from 'node:v8';
import type { serveAdminApi } from '../gateway/admin-api.ts';
import type { ImpNode } from '../gateway/imp-node.ts';
import { memoryFigures } from './presence-scale-memory.ts';
import { BENCH_PASSWORD, type FromImp, type ToImp, userId } from './presence-scale-messages.ts';
import { applyBenchHeapGrowth, productModule } from './product.ts';

// As every pgsim process does (cli/cli.ts), unless PGSIM_BENCH_HEAP_GROWTH asks for another.
applyBenchHeapGrowth();

// Loaded while the parent starts; awaited in the message handler, which must be listening from the first turn.
const product = Promise.all([
  productModule<typeof import('../gateway/admin-api.ts')>('gateway/admin-api'),
  productModule<typeof import('../gateway/imp-node.ts')>('gateway/imp-node'),
  productModule<typeof import('../gateway/network/gateway-network.ts')>('gateway/network/gateway-network'),
  productModule<typeof import('../sim/clock.ts')>('sim/clock'),
  productModule<typeof import('../sim/journal.ts')>('sim/journal'),
  productModule<typeof import('../sim/network.ts')>('sim/network'),
]);

// The login users' passwords are hashed at startup: scrypt at its smallest allowed cost.
process.env.PGSIM_SCRYPT_COST ??= '1024';

let node: ImpNode | undefined;
let api: Awaited<ReturnType<typeof serveAdminApi>> | undefined;
const send = (m: FromImp) => process.send?.(m);

const poll = async (done: () => boolean, everyMs = 100): Promise<void> => {
  while (!done()) await new Promise((r) => setTimeout(r, everyMs));
};

process.on('message', (msg: ToImp) => {
  void (async () => {
    switch (msg.type) {
      case 'start': {
        const t0 = performance.now();
        const [
          { serveAdminApi: serveApi },
          { ImpNode: ImpNodeClass },
          { labNetwork },
          { SystemClock },
          { Journal },
          { HostsTable },
        ] = await product;
        const clock = new SystemClock();
        const hosts = new HostsTable();
        for (const s of msg.servers) hosts.add(s.fqdn, s.ip);
        node = new ImpNodeClass({
          dataDir: ':memory:',
          clock,
          journal: new Journal(clock, 2000),
          network: labNetwork(hosts),
          notificationPort: 0,
        });
        api = await serveApi(node, 0);
        const { config } = node;
        config.db.transaction(() => {
          config.gateways.setAccount(msg.account.user, msg.account.password);
          for (const s of msg.servers) config.addGateway({ host: s.fqdn, port: s.port });
          config.trust.upload('cup-trust', 'exchange-root-ca.pem', msg.rootPem);
          config.parameters.set({ calendarSpread: msg.spread });
          // Only the users the watching clients log in as get a password: each is a scrypt hash (about 1.7 ms even
          // at the smallest cost), which for 50,000 users made configuring take 87 s, three times the subscribing.
          for (let i = 0; i < msg.users; i++)
            config.users.add({
              userId: userId(i),
              mailbox: `${userId(i)}@example.test`,
              ...(i < msg.loginUsers ? { password: BENCH_PASSWORD } : {}),
            });
        });
        send({ type: 'ready', presenceUrl: api.presenceUrl, configureMs: performance.now() - t0 });
        return;
      }
      case 'subscribe': {
        const n = node!;
        const t0 = performance.now();
        await n.engine.start();
        const total = n.config.users.list().length;
        let subscribed = 0;
        await poll(() => {
          // Counted, not listed: a view per user ten times a second took a core's tenth at 20,000 users.
          subscribed = n.calendars.statusCounts().subscribed;
          return subscribed >= total;
        });
        const ms = performance.now() - t0;
        const statuses: Record<string, number> = {};
        for (const s of n.calendars.list()) statuses[s.status] = (statuses[s.status] ?? 0) + 1;
        const failures = n.journal
          .entries({ source: 'calendar', level: 'warn' })
          .filter((e) => e.message.startsWith('subscribing'));
        send({
          type: 'subscribed',
          ms,
          subscribed,
          failedAttempts: failures.length,
          firstFailure: failures[0]?.message,
          statuses,
        });
        return;
      }
      case 'wait-reads': {
        const n = node!;
        const t0 = performance.now();
        await poll(() => {
          const w = n.calendars.pendingWork;
          if (w.requests + w.queued + w.subscribing + w.waitingToSubscribe > 0) return false;
          return n.calendars.list().filter((s) => s.blocks.length > 0).length >= msg.withMeetings;
        }, 20);
        send({ type: 'reads-done', ms: performance.now() - t0 });
        return;
      }
      case 'rss':
        send({ type: 'rss', ...memoryFigures() });
        return;
      case 'heap':
        send({ type: 'heap-done', file: writeHeapSnapshot(msg.file) });
        return;
      case 'stop':
        await api?.close();
        await node?.close();
        process.exit(0);
    }
  })();
});
