import { X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImpConfig } from '../../../../gateway/config/imp-config.ts';
import { ImpNode } from '../../../../gateway/imp-node.ts';
import { labNetwork } from '../../../../gateway/network/gateway-network.ts';
import type { CheckContext } from '../../../../gateway/status/gateway-check.ts';
import { refreshStatusArea } from '../../../../gateway/status/status-area.ts';
import { publicMailName } from '../../../../mock-exchange/certs/profiles/host-names.ts';
import { CERTIFICATE_PROFILES } from '../../../../mock-exchange/certs/profiles/index.ts';
import type { MockExchange } from '../../../../mock-exchange/mock-exchange.ts';
import { VirtualClock } from '../../../../sim/clock.ts';
import { startMock } from '../../../support/mock-server.ts';
import { TEST_START, testOrgConfig } from '../../../support/test-org.ts';

/**
 * Every SSL Connection/Certificate Verification row, produced against the mock's certificate profiles
 * and faults; the gateway trusts the organization's root CA, as each profile's `status` assumes.
 */
describe('every status row from the certificate catalog and the faults', () => {
  let mock: MockExchange;
  let clock: VirtualClock;
  let node: ImpNode;

  beforeAll(async () => {
    clock = new VirtualClock(TEST_START);
    mock = await startMock(testOrgConfig(), clock);
    node = new ImpNode({ notificationPort: 0, dataDir: ':memory:', clock, network: labNetwork(mock.hosts) });
    node.uploadTrust('cup-trust', 'root.pem', mock.pki.root.pem);
    node.addGateway({ host: 'ex1.example.test', port: mock.org.server('ex1')!.port });
  });
  afterAll(async () => {
    await node.close();
    await mock.stop();
  });

  const statusOfEx1 = async () => (await node.status()).rows[0]!;

  // `regenerated` needs the original self-signed certificate in cup-trust: the fix-path test below covers it.
  const withRootTrusted = [...CERTIFICATE_PROFILES.values()].filter((p) => p.name !== 'regenerated');
  it.each(withRootTrusted.map((p) => [p.name, p.status] as const))('profile %s gives %s', async (name, status) => {
    await mock.setCertificateProfile('ex1', name);
    const row = await statusOfEx1();
    expect(row.reachability).toBe('pingable');
    expect(row.ssl).toBe(status);
  });

  it.each([
    ['down', { type: 'down' }, 'refused'],
    ['reset', { type: 'reset' }, 'reset'],
    ['close', { type: 'close' }, 'reset'],
  ])('fault %s gives Failed - Network Error (%s)', async (_name, fault, rule) => {
    await mock.reset('ex1');
    await mock.faults.set('ex1', [fault]);
    const row = await statusOfEx1();
    expect(row.ssl).toBe('Failed - Network Error');
    expect(row.evidence.rule).toBe(rule);
    await mock.faults.clear('ex1');
  });

  it('hang past Exchange Timeout gives Failed - Network Error (timeout)', async () => {
    await mock.reset('ex1');
    await mock.faults.set('ex1', [{ type: 'hang' }]);
    const pending = statusOfEx1();
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
    clock.advance(3000);
    const row = await pending;
    expect(row.ssl).toBe('Failed - Network Error');
    expect(row.evidence.rule).toBe('timeout');
    await mock.faults.clear('ex1');
  });

  it('Bad Certificates says which kind: bad signature, unsupported algorithm or key, validity', async () => {
    const rules: Record<string, string> = {};
    for (const p of ['bad-signature', 'md5', 'rsa-512', 'expired', 'not-yet-valid']) {
      await mock.setCertificateProfile('ex1', p);
      rules[p] = (await statusOfEx1()).evidence.rule;
    }
    expect(rules).toEqual({
      'bad-signature': 'bad-signature',
      md5: 'unsupported-algorithm',
      'rsa-512': 'weak-key',
      expired: 'validity',
      'not-yet-valid': 'validity',
    });
    await mock.reset('ex1');
  });
});

describe('fix paths of the troubleshooting text', () => {
  let mock: MockExchange;
  let clock: VirtualClock;
  let config: ImpConfig;

  beforeAll(async () => {
    clock = new VirtualClock(TEST_START);
    mock = await startMock(testOrgConfig(), clock);
  });
  afterAll(async () => {
    await mock.stop();
  });

  const ctx = (): CheckContext => ({
    network: labNetwork(mock.hosts),
    clock,
    timeoutMs: 3000,
    trusted: config.trust.list('cup-trust').map((c) => new X509Certificate(c.pem)),
  });
  const status = async () => (await refreshStatusArea(config.gateways.list(), ctx())).rows[0]!;

  it('regenerated certificate: Bad Certificates with "bad signature"; delete the outdated one, upload the new one: Verified', async () => {
    config = ImpConfig.open(':memory:', clock);
    config.addGateway({ host: 'ex1.example.test', port: mock.org.server('ex1')!.port });
    await mock.setCertificateProfile('ex1', 'exchange-self-signed');
    const original = (await mock.certificates.served('ex1')).chainPem[0]!;
    config.trust.upload('cup-trust', 'exchange.pem', original);
    expect((await status()).ssl).toBe('Verified');

    await mock.setCertificateProfile('ex1', 'regenerated');
    const broken = await status();
    expect(broken.ssl).toBe('Failed - Bad Certificates');
    expect(broken.evidence.detail).toMatch(/^bad signature/);

    config.trust.delete('cup-trust', 'exchange.pem');
    config.trust.upload('cup-trust', 'exchange-new.pem', (await mock.certificates.served('ex1')).chainPem[0]!);
    expect((await status()).ssl).toBe('Verified');
    config.close();
  });

  it('CN mismatch: change the Presence Gateway value to the certificate CN: Verified', async () => {
    config = ImpConfig.open(':memory:', clock);
    config.trust.upload('cup-trust', 'root.pem', mock.pki.root.pem);
    const gw = config.addGateway({ host: 'ex1.example.test', port: mock.org.server('ex1')!.port });
    await mock.setCertificateProfile('ex1', 'cn-mismatch');
    const row = await status();
    expect(row.ssl).toBe('Failed - Subject CN Mismatch');
    const cn = row.evidence.chain[0]!.subjectCN;
    expect(cn).toBe(publicMailName('ex1.example.test'));
    mock.hosts.add(cn, mock.org.server('ex1')!.ip);
    config.gateways.update(gw.id, { host: cn });
    expect((await status()).ssl).toBe('Verified');
    config.close();
  });
});
