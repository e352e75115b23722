import { X509Certificate } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acceptCertificateChain, viewCertificateChain } from '../../../../gateway/certificates/certificate-viewer.ts';
import { ImpConfig } from '../../../../gateway/config/imp-config.ts';
import { labNetwork } from '../../../../gateway/network/gateway-network.ts';
import type { CheckContext } from '../../../../gateway/status/gateway-check.ts';
import { refreshStatusArea } from '../../../../gateway/status/status-area.ts';
import type { MockExchange } from '../../../../mock-exchange/mock-exchange.ts';
import { VirtualClock } from '../../../../sim/clock.ts';
import { startMock } from '../../../support/mock-server.ts';
import { TEST_START, testOrgConfig } from '../../../support/test-org.ts';

describe('Exchange Server Status area against the mock Exchange', () => {
  let mock: MockExchange;
  let clock: VirtualClock;
  let config: ImpConfig;
  const servers: Server[] = [];

  beforeEach(async () => {
    clock = new VirtualClock(TEST_START);
    mock = await startMock(testOrgConfig(), clock);
    config = ImpConfig.open(':memory:', clock);
  });
  afterEach(async () => {
    await mock.stop();
    for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
    config.close();
  });

  const ctx = (): CheckContext => ({
    network: labNetwork(mock.hosts),
    clock,
    timeoutMs: 3000,
    trusted: config.trust.list('cup-trust').map((c) => new X509Certificate(c.pem)),
  });
  const port = (name: string) => mock.org.server(name)!.port;

  it('pingable + Verified when the root CA is in cup-trust', async () => {
    config.trust.upload('cup-trust', 'root.pem', mock.pki.root.pem);
    config.addGateway({ host: 'ex1.example.test', port: port('ex1') });
    config.addGateway({ host: '127.0.20.2', port: port('ex2') });
    const area = await refreshStatusArea(config.gateways.list(), ctx());
    expect(area.rows.map((r) => [r.gateway.host, r.reachability, r.ssl])).toEqual([
      ['ex1.example.test', 'pingable', 'Verified'],
      ['127.0.20.2', 'pingable', 'Verified'],
    ]);
    expect(area.rows[0]?.evidence.chain.map((c) => [c.subjectCN, c.status, c.presented, c.trusted])).toEqual([
      ['ex1.example.test', 'Verified', true, false],
      ['pgsim Lab Issuing CA', 'Verified', true, false],
      ['pgsim Lab Root CA', 'Verified', false, true],
    ]);
  });

  it('Certificate Missing From Chain until the missing root is uploaded; the viewer names it', async () => {
    config.addGateway({ host: 'ex1.example.test', port: port('ex1') });
    const [gw] = config.gateways.list();
    let area = await refreshStatusArea(config.gateways.list(), ctx());
    expect(area.rows[0]?.ssl).toBe('Failed - Certificate Missing From Chain');
    expect(area.rows[0]?.evidence.rule).toBe('missing-issuer');

    const viewed = await viewCertificateChain(gw!, ctx());
    expect(viewed.rows.map((r) => [r.subjectCN, r.status])).toEqual([
      ['ex1.example.test', 'Untrusted'],
      ['pgsim Lab Issuing CA', 'Untrusted'],
      ['pgsim Lab Root CA', 'Missing'],
    ]);
    config.trust.upload('cup-trust', 'root.pem', mock.pki.root.pem);
    area = await refreshStatusArea(config.gateways.list(), ctx());
    expect(area.rows[0]?.ssl).toBe('Verified');
  });

  it('Accept Certificate Chain imports the presented certificates, not the missing one', async () => {
    config.addGateway({ host: 'ex1.example.test', port: port('ex1') });
    const viewed = await viewCertificateChain(config.gateways.list()[0]!, ctx());
    const imported = acceptCertificateChain(config.trust, viewed);
    expect(imported.map((c) => c.subject.split('\n')[0])).toEqual(['CN=ex1.example.test', 'CN=pgsim Lab Issuing CA']);
    // The issuing CA is now a trust anchor, so the chain verifies without the root.
    const area = await refreshStatusArea(config.gateways.list(), ctx());
    expect(area.rows[0]?.ssl).toBe('Verified');
    expect(acceptCertificateChain(config.trust, viewed)).toEqual([]);
  });

  it('accepting a chain whose intermediate is missing does not fix it: a server certificate is no trust anchor', async () => {
    config.addGateway({ host: 'ex1.example.test', port: port('ex1') });
    await mock.setCertificateProfile('ex1', 'missing-intermediate');
    const viewed = await viewCertificateChain(config.gateways.list()[0]!, ctx());
    expect(acceptCertificateChain(config.trust, viewed).map((c) => c.isCA)).toEqual([false]);
    const area = await refreshStatusArea(config.gateways.list(), ctx());
    expect(area.rows[0]?.ssl).toBe('Failed - Certificate Missing From Chain');
    expect(area.rows[0]?.evidence.chain.at(-1)).toMatchObject({ subjectCN: 'pgsim Lab Issuing CA', status: 'Missing' });
  });

  it('unreachable + Failed - Network Error when the host is down in the lab network', async () => {
    config.addGateway({ host: 'ex1.example.test', port: port('ex1') });
    mock.hosts.setUp('ex1.example.test', false);
    const area = await refreshStatusArea(config.gateways.list(), ctx());
    expect(area.rows[0]).toMatchObject({ reachability: 'unreachable', ssl: 'Failed - Network Error' });
    expect(area.rows[0]?.evidence.error?.code).toBe('EHOSTUNREACH');
  });

  it('unreachable + Failed when the name does not resolve', async () => {
    config.addGateway({ host: 'nowhere.example.test', port: 443 });
    const area = await refreshStatusArea(config.gateways.list(), ctx());
    expect(area.rows[0]).toMatchObject({ reachability: 'unreachable', ssl: 'Failed' });
    expect(area.rows[0]?.evidence.rule).toBe('not-resolved');
  });

  it('Failed - Network Error when the port refuses', async () => {
    const closed = await listenThenClose();
    config.addGateway({ host: '127.0.0.1', port: closed });
    const area = await refreshStatusArea(config.gateways.list(), ctx());
    expect(area.rows[0]?.ssl).toBe('Failed - Network Error');
    expect(area.rows[0]?.evidence.rule).toBe('refused');
  });

  it('Failed - Network Error when the server accepts but never answers past Exchange Timeout (virtual time)', async () => {
    const accepted = new Promise<Socket>((resolve) => {
      const hang = createServer((s) => resolve(s));
      servers.push(hang);
      hang.listen(0, '127.0.0.1');
    });
    await new Promise((r) => servers[0]!.once('listening', r));
    config.addGateway({ host: '127.0.0.1', port: (servers[0]!.address() as AddressInfo).port });
    const pending = refreshStatusArea(config.gateways.list(), ctx());
    (await accepted).on('error', () => {});
    clock.advance(2999);
    clock.advance(1);
    const area = await pending;
    expect(area.rows[0]?.ssl).toBe('Failed - Network Error');
    expect(area.rows[0]?.evidence.rule).toBe('timeout');
  });

  it('checks only the first 10 of 12 gateways and says 2 were not checked', async () => {
    config.trust.upload('cup-trust', 'root.pem', mock.pki.root.pem);
    for (let i = 0; i < 12; i++)
      config.addGateway({ host: 'ex1.example.test', port: i === 0 ? port('ex1') : 40000 + i });
    const area = await refreshStatusArea(config.gateways.list(), ctx());
    expect(area.rows).toHaveLength(10);
    expect(area.notChecked).toBe(2);
    expect(area.rows.map((r) => r.gateway.order)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(area.rows[0]?.ssl).toBe('Verified');
  });
});

async function listenThenClose(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const p = (s.address() as AddressInfo).port;
  await new Promise((r) => s.close(r));
  return p;
}
