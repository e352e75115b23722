import { createPublicKey } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MockExchange } from '../../../../mock-exchange/mock-exchange.ts';
import type { OrgConfig } from '../../../../mock-exchange/org-config.ts';
import { VirtualClock } from '../../../../sim/clock.ts';
import { TEST_START } from '../../../support/test-org.ts';

/** Two servers, one outside the organization's mail domain. Nothing listens: the PKI is built in the constructor. */
const config = (seed?: string): OrgConfig => ({
  domain: 'example.test',
  ...(seed === undefined ? {} : { seed }),
  servers: [
    { name: 'ex1', fqdn: 'ex1.example.test', ip: '127.0.20.1', port: 0 },
    { name: 'ex2', fqdn: 'ex2.branch.corp.test', ip: '127.0.20.2', port: 0 },
  ],
  accounts: [],
  mailboxes: [],
});

const mock = (seed?: string, caSeedFile?: string) =>
  new MockExchange({ config: config(seed), clock: new VirtualClock(TEST_START), adminPort: null, caSeedFile });
const rootKey = (m: MockExchange) => createPublicKey(m.pki.root.key).export({ type: 'spki', format: 'pem' });

// Each new seed costs four RSA key derivations (about 0.1 s each idle, several times that on a loaded machine).
describe("a mock Exchange organization's PKI", { timeout: 60_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'pgsim-org-pki-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("permits the organization's domain and the domain of every server, and the loopback network", () => {
    expect(mock('org').pki.permitted).toEqual({
      dnsDomains: ['example.test', 'branch.corp.test'],
      ipv4Networks: ['127.0.0.0/8'],
    });
  });

  it('the CA keys follow the seed: the same seed the same root key, another seed another', () => {
    expect(rootKey(mock('org'))).toBe(rootKey(mock('org')));
    expect(rootKey(mock('org'))).not.toBe(rootKey(mock('other-org')));
  });

  it('without a seed, the CA keys live in the seed file (0600), so a restart with it keeps its root key', () => {
    const file = join(dir, 'imp', 'exchange-ca.seed');
    const first = rootKey(mock(undefined, file));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(rootKey(mock(undefined, file))).toBe(first);
    expect(rootKey(mock(undefined))).not.toBe(first);
  });
});
