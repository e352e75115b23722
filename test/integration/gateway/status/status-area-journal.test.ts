import { X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PresenceGateway } from '../../../../gateway/config/gateway-store.ts';
import { ImpConfig } from '../../../../gateway/config/imp-config.ts';
import { type GatewayNetwork, labNetwork } from '../../../../gateway/network/gateway-network.ts';
import type { CheckContext, GatewayStatus } from '../../../../gateway/status/gateway-check.ts';
import { refreshStatusArea } from '../../../../gateway/status/status-area.ts';
import type { MockExchange } from '../../../../mock-exchange/mock-exchange.ts';
import { VirtualClock } from '../../../../sim/clock.ts';
import { Journal } from '../../../../sim/journal.ts';
import { startMock } from '../../../support/mock-server.ts';
import { TEST_START, testOrgConfig } from '../../../support/test-org.ts';

/** What the status area leaves behind besides its rows: configured order, the journal, restart flag, no-change rows. */
describe('Exchange Server Status area: order, journal and repeated refreshes', () => {
  let mock: MockExchange;
  let clock: VirtualClock;
  let config: ImpConfig;
  let ex1: PresenceGateway;

  beforeAll(async () => {
    clock = new VirtualClock(TEST_START);
    mock = await startMock(testOrgConfig(), clock);
    config = ImpConfig.open(':memory:', clock);
    config.trust.upload('cup-trust', 'root.pem', mock.pki.root.pem);
    ex1 = config.addGateway({ host: 'ex1.example.test', port: mock.org.server('ex1')!.port });
  });
  afterAll(async () => {
    await mock.stop();
    config.close();
  });

  const ctx = (
    journal?: Journal,
    network: GatewayNetwork = labNetwork(mock.hosts),
  ): CheckContext & { journal?: Journal } => ({
    network,
    clock,
    timeoutMs: 3000,
    trusted: config.trust.list('cup-trust').map((c) => new X509Certificate(c.pem)),
    journal,
  });
  const gateway = (order: number, port: number): PresenceGateway => ({ ...ex1, id: `gw-${order}`, order, port });

  it('rows follow the configured order even when the gateways come unsorted', async () => {
    const port = mock.org.server('ex1')!.port;
    const area = await refreshStatusArea([gateway(3, port), gateway(1, port), gateway(2, port)], ctx());
    expect(area.rows.map((r) => r.gateway.order)).toEqual([1, 2, 3]);
    expect(area.notChecked).toBe(0);
  });

  it('restart is not required unless the caller says so', async () => {
    expect((await refreshStatusArea([ex1], ctx())).restartRequired).toBe(false);
    expect((await refreshStatusArea([ex1], { ...ctx(), restartRequired: true })).restartRequired).toBe(true);
  });

  it('journals a verified, pingable gateway at info with its chain', async () => {
    const journal = new Journal(clock);
    await refreshStatusArea([ex1], ctx(journal));
    const [entry, ...more] = journal.entries();
    expect(more).toEqual([]);
    expect(entry?.level).toBe('info');
    expect(entry?.source).toBe('status-area');
    expect(entry?.message).toBe(
      `ex1.example.test:${ex1.port} pingable, Verified: chain to trusted "pgsim Lab Root CA" verified for ex1.example.test`,
    );
    expect(entry?.data).toMatchObject({ gateway: ex1.id, reachability: 'pingable', ssl: 'Verified', rule: 'verified' });
    expect(entry?.data?.warnings).toEqual([]);
    const chain = entry?.data?.chain as { subject: string; issuer: string; status: string; fingerprint: string }[];
    expect(chain.map((c) => [c.subject, c.issuer, c.status])).toEqual([
      ['ex1.example.test', 'pgsim Lab Issuing CA', 'Verified'],
      ['pgsim Lab Issuing CA', 'pgsim Lab Root CA', 'Verified'],
      ['pgsim Lab Root CA', 'pgsim Lab Root CA', 'Verified'],
    ]);
    expect(chain[2]?.fingerprint).toBe(new X509Certificate(mock.pki.root.pem).fingerprint256);
  });

  it('journals at warn when the certificate verifies but the host is unreachable, or the other way round', async () => {
    const lab = labNetwork(mock.hosts);
    const unreachable: GatewayNetwork = {
      ...lab,
      reachable: async () => false,
      describeReachability: lab.describeReachability,
    };
    const journal = new Journal(clock);
    const area = await refreshStatusArea([ex1], ctx(journal, unreachable));
    expect([area.rows[0]?.reachability, area.rows[0]?.ssl]).toEqual(['unreachable', 'Verified']);
    expect(journal.entries().map((e) => e.level)).toEqual(['warn']);

    const untrusting = new Journal(clock);
    const failed = await refreshStatusArea([ex1], { ...ctx(untrusting), trusted: [] });
    expect([failed.rows[0]?.reachability, failed.rows[0]?.ssl]).toEqual([
      'pingable',
      'Failed - Certificate Missing From Chain',
    ]);
    expect(untrusting.entries().map((e) => e.level)).toEqual(['warn']);
  });

  it('a refresh whose verdict has not changed logs nothing; any change of reachability, label or detail logs', async () => {
    const first = (await refreshStatusArea([ex1], ctx())).rows[0]!;
    const logged = async (previous: GatewayStatus) => {
      const journal = new Journal(clock);
      await refreshStatusArea([ex1], { ...ctx(journal), previous: [previous] });
      return journal.entries().length;
    };
    expect(await logged(first)).toBe(0);
    expect(await logged({ ...first, reachability: 'unreachable' })).toBe(1);
    expect(await logged({ ...first, ssl: 'Failed - Network Error' })).toBe(1);
    expect(await logged({ ...first, evidence: { ...first.evidence, detail: 'an older detail' } })).toBe(1);
    expect(await logged({ ...first, gateway: { ...ex1, id: 'another gateway' } })).toBe(1);
  });

  it('a gateway that cannot be reached at all has no warnings and no chain', async () => {
    const area = await refreshStatusArea([{ ...ex1, port: 1 }], ctx());
    expect(area.rows[0]?.ssl).toBe('Failed - Network Error');
    expect(area.rows[0]?.evidence.warnings).toEqual([]);
    expect(area.rows[0]?.evidence.chain).toEqual([]);
  });
});
