/** Child process of bench/presence-scale.ts: the mock Exchange organization with N mailboxes, on the wall clock. */
import { writeHeapSnapshot } from 'node:v8';
import type { MockExchange } from '../mock-exchange/mock-exchange.ts';
import type { OrgConfig } from '../mock-exchange/org-config.ts';
import { memoryFigures } from './presence-scale-memory.ts';
import type { FromExchange, ToExchange } from './presence-scale-messages.ts';
import { userId } from './presence-scale-messages.ts';
import { applyBenchHeapGrowth, productModule } from './product.ts';

// As every pgsim process does (cli/cli.ts), unless PGSIM_BENCH_HEAP_GROWTH asks for another.
applyBenchHeapGrowth();

// Loaded while the parent starts; awaited in the message handler, which must be listening from the first turn.
const product = Promise.all([
  productModule<typeof import('../mock-exchange/mock-exchange.ts')>('mock-exchange/mock-exchange'),
  productModule<typeof import('../sim/clock.ts')>('sim/clock'),
  productModule<typeof import('../sim/journal.ts')>('sim/journal'),
]);

const ACCOUNT = { user: 'svc-imp', password: 'Imp-Passw0rd' };
let mock: MockExchange | undefined;
const send = (m: FromExchange) => process.send?.(m);

function orgConfig(users: number): OrgConfig {
  return {
    domain: 'example.test',
    seed: 'bench',
    // Cisco's recommended throttling policy for the service account (EwsMaxConcurrency 100, EWSMaxSubscriptions
    // unlimited): with Exchange's defaults (27 and 5,000) the node's 60 Exchange Threads get
    // ErrorExceededConnectionCount, and every subscription past 5,000 per server ErrorExceededSubscriptionCount.
    servers: [
      {
        name: 'ex1',
        fqdn: 'ex1.example.test',
        ip: '127.0.40.1',
        port: 0,
        throttling: { EWSMaxConcurrency: 100, EWSMaxSubscriptions: null },
      },
      {
        name: 'ex2',
        fqdn: 'ex2.example.test',
        ip: '127.0.40.2',
        port: 0,
        throttling: { EWSMaxConcurrency: 100, EWSMaxSubscriptions: null },
      },
    ],
    accounts: [{ ...ACCOUNT, impersonation: true }],
    mailboxes: Array.from({ length: users }, (_, i) => ({
      address: `${userId(i)}@example.test`,
      server: i % 2 ? 'ex2' : 'ex1',
    })),
  };
}

process.on('message', (msg: ToExchange) => {
  void (async () => {
    switch (msg.type) {
      case 'start': {
        const [{ MockExchange: Mock }, { SystemClock }, { Journal }] = await product;
        const clock = new SystemClock();
        mock = new Mock({
          config: orgConfig(msg.users),
          clock,
          journal: new Journal(clock, 1000),
          adminPort: null,
        });
        await mock.start();
        send({
          type: 'ready',
          servers: [...mock.org.servers.values()].map((s) => ({ fqdn: s.fqdn, ip: s.ip, port: s.port })),
          rootPem: mock.pki.root.pem,
          account: ACCOUNT,
        });
        return;
      }
      case 'meetings': {
        const t0 = performance.now();
        const start = new Date(msg.start).toISOString();
        const end = new Date(msg.end).toISOString();
        for (const address of msg.addresses)
          mock?.admin.createMeeting(address, { subject: 'Bench', start, end, freeBusy: 'Busy' });
        send({ type: 'meetings-done', count: msg.addresses.length, ms: performance.now() - t0 });
        return;
      }
      case 'rss':
        send({ type: 'rss', ...memoryFigures() });
        return;
      case 'heap':
        send({ type: 'heap-done', file: writeHeapSnapshot(msg.file) });
        return;
      case 'stop':
        await mock?.stop();
        process.exit(0);
    }
  })();
});
