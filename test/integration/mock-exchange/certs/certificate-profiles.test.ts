import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import forge from 'node-forge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SslStatus } from '../../../../mock-exchange/certs/certificate-profile.ts';
import { CERTIFICATE_PROFILES, PROFILE_NAMES } from '../../../../mock-exchange/certs/profiles/index.ts';
import type { MockExchange } from '../../../../mock-exchange/mock-exchange.ts';
import type { OrgConfig } from '../../../../mock-exchange/org-config.ts';
import { startMock } from '../../../support/mock-server.ts';
import { SVC } from '../../../support/test-org.ts';
import { HAVE_OPENSSL, sClient, tlsOutcome } from '../../../support/tls-probe.ts';

interface Expected {
  status: SslStatus;
  /** Node's err.code for a client trusting only the root CA; null = the handshake succeeds. */
  node: string | null;
  message?: RegExp;
  /** `openssl s_client -verify_return_error` verify code; `handshake` = the handshake fails before verification matters. */
  openssl: number | 'handshake';
}

/** The outcomes measured on Node 20 / OpenSSL 3.0 (research brief §2); the oracle, independent of the profiles. */
const EXPECTED: Record<string, Expected> = {
  valid: { status: 'Verified', node: null, openssl: 0 },
  'exchange-self-signed': {
    status: 'Failed - Certificate Missing From Chain',
    node: 'DEPTH_ZERO_SELF_SIGNED_CERT',
    openssl: 18,
  },
  'missing-intermediate': {
    status: 'Failed - Certificate Missing From Chain',
    node: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    openssl: 20,
  },
  'untrusted-root': {
    status: 'Failed - Certificate Missing From Chain',
    node: 'SELF_SIGNED_CERT_IN_CHAIN',
    openssl: 19,
  },
  'cn-mismatch': {
    status: 'Failed - Subject CN Mismatch',
    node: 'ERR_TLS_CERT_ALTNAME_INVALID',
    message: /is not cert's CN: mail\.example\.test/,
    openssl: 62,
  },
  'san-mismatch': {
    status: 'Failed - SAN Mismatch',
    node: 'ERR_TLS_CERT_ALTNAME_INVALID',
    message: /is not in the cert's altnames: DNS:mail\.example\.test/,
    openssl: 62,
  },
  wildcard: { status: 'Verified', node: null, openssl: 0 },
  regenerated: { status: 'Failed - Bad Certificates', node: 'DEPTH_ZERO_SELF_SIGNED_CERT', openssl: 18 },
  'bad-signature': { status: 'Failed - Bad Certificates', node: 'CERT_SIGNATURE_FAILURE', openssl: 7 },
  md5: {
    status: 'Failed - Bad Certificates',
    node: 'UNSPECIFIED',
    message: /CA signature digest algorithm too weak/,
    openssl: 68,
  },
  sha1: { status: 'Verified', node: 'UNSPECIFIED', message: /CA signature digest algorithm too weak/, openssl: 68 },
  'rsa-512': {
    status: 'Failed - Bad Certificates',
    node: 'UNSPECIFIED',
    message: /EE certificate key too weak/,
    openssl: 66,
  },
  expired: { status: 'Failed - Bad Certificates', node: 'CERT_HAS_EXPIRED', openssl: 10 },
  'not-yet-valid': { status: 'Failed - Bad Certificates', node: 'CERT_NOT_YET_VALID', openssl: 9 },
  'client-auth-only': { status: 'Failed - Bad Certificates', node: 'INVALID_PURPOSE', openssl: 26 },
  'tls-1.0-only': { status: 'Failed', node: 'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION', openssl: 'handshake' },
};

const serverOf = (profile: string) => `s${PROFILE_NAMES.indexOf(profile) + 1}`;

/** One server per profile, each set in the organization config. */
function catalogOrg(): OrgConfig {
  return {
    domain: 'example.test',
    seed: 'catalog',
    servers: PROFILE_NAMES.map((certificate, i) => ({
      name: `s${i + 1}`,
      fqdn: `s${i + 1}.example.test`,
      ip: `127.0.21.${i + 1}`,
      port: 0,
      certificate,
    })),
    accounts: [{ user: SVC.user, password: SVC.password, impersonation: true }],
    mailboxes: [],
  };
}

describe('certificate profiles, one server each, as real TLS clients see them', () => {
  let mock: MockExchange;
  let dir: string;
  let rootFile: string;
  const target = (profile: string) => {
    const s = mock.org.server(serverOf(profile))!;
    return { ip: s.ip, port: s.port, fqdn: s.fqdn };
  };

  beforeAll(async () => {
    mock = await startMock(catalogOrg());
    dir = mkdtempSync(join(tmpdir(), 'pgsim-profiles-'));
    rootFile = join(dir, 'root.pem');
    writeFileSync(rootFile, mock.pki.root.pem);
  });
  afterAll(async () => {
    await mock.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the oracle covers every profile, and each profile declares the status row the oracle expects', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...PROFILE_NAMES].sort());
    for (const [name, profile] of CERTIFICATE_PROFILES) {
      expect(profile.status, name).toBe(EXPECTED[name]?.status);
      expect(profile.explain().length, name).toBeGreaterThan(40);
    }
  });

  it.each(PROFILE_NAMES)('%s: Node tls.connect trusting the root CA', async (profile) => {
    const { ip, port, fqdn } = target(profile);
    const expected = EXPECTED[profile]!;
    const outcome = await tlsOutcome(ip, port, fqdn, [mock.pki.root.pem]);
    if (expected.node === null) {
      expect(outcome).toEqual({ ok: true });
      return;
    }
    expect(outcome).toMatchObject({ ok: false, code: expected.node });
    if (expected.message && !outcome.ok) expect(outcome.message).toMatch(expected.message);
  });

  it.skipIf(!HAVE_OPENSSL).each(PROFILE_NAMES)('%s: openssl s_client verify code', async (profile) => {
    const { ip, port, fqdn } = target(profile);
    const expected = EXPECTED[profile]!;
    const result = await sClient(ip, port, fqdn, rootFile);
    if (expected.openssl === 'handshake') {
      // The chain verifies (code 0); the handshake fails on the protocol (TLS 1.0's legacy signature algorithm).
      expect(result.exit).toBe(1);
      expect(result.verifyCode).toBe(0);
      expect(result.output).toMatch(/legacy sigalg disallowed|protocol version|no protocols available/);
      return;
    }
    expect(result.verifyCode, result.output).toBe(expected.openssl);
    expect(result.exit).toBe(expected.openssl === 0 ? 0 : 1);
  });

  it('the fixes verify: the exported CA files make missing-intermediate and untrusted-root pass, the self-signed cert trusts itself', async () => {
    for (const profile of ['missing-intermediate', 'untrusted-root', 'exchange-self-signed', 'regenerated']) {
      const { ip, port, fqdn } = target(profile);
      const ca = (await mock.certificates.caCertificates(serverOf(profile))).map((f) => f.pem);
      expect(await tlsOutcome(ip, port, fqdn, ca), profile).toEqual({ ok: true });
    }
  });

  it('regenerated: a trust store holding the original self-signed certificate still fails (same name, new key)', async () => {
    const original = await mock.certificates.caCertificates(serverOf('exchange-self-signed'));
    const regenerated = await mock.certificates.caCertificates(serverOf('regenerated'));
    expect(original[0]!.fingerprint256).not.toBe(regenerated[0]!.fingerprint256);
    // Both servers have other names, so compare the two certificates for one and the same server instead.
    const server = serverOf('regenerated');
    const old = await mock.certificates.build(server, 'exchange-self-signed');
    const now = await mock.certificates.served(server);
    expect(old.leaf.x509.subject).toBe(now.leaf.x509.subject);
    expect(old.leaf.x509.publicKey.equals(now.leaf.x509.publicKey)).toBe(false);
    const { ip, port, fqdn } = target('regenerated');
    expect(await tlsOutcome(ip, port, fqdn, [mock.pki.root.pem, old.leaf.pem])).toMatchObject({
      ok: false,
      code: 'DEPTH_ZERO_SELF_SIGNED_CERT',
    });
  });

  it('exchange-self-signed is what the selfsigned package makes: sha256, CN = short name, SANs = short name and FQDN', async () => {
    const { leaf } = await mock.certificates.served(serverOf('exchange-self-signed'));
    expect(leaf.x509.subject).toBe('CN=S2');
    expect(leaf.x509.issuer).toBe(leaf.x509.subject);
    expect(leaf.x509.subjectAltName).toBe('DNS:S2, DNS:s2.example.test');
    expect(leaf.forgeCert.siginfo.algorithmOid).toBe('1.2.840.113549.1.1.11');
  });

  it('md5: the weak signature is on the presented issuing CA (md5WithRSAEncryption), the leaf is SHA-256', async () => {
    const { leaf, chainPem } = await mock.certificates.served(serverOf('md5'));
    expect(leaf.forgeCert.siginfo.algorithmOid).toBe('1.2.840.113549.1.1.11');
    expect(chainPem).toHaveLength(2);
    const issuing = forge.pki.certificateFromPem(chainPem[1]!);
    expect(issuing.siginfo.algorithmOid).toBe('1.2.840.113549.1.1.4');
    expect(issuing.subject.getField('CN').value).toBe('pgsim Lab Issuing CA');
  });

  it('expired and not-yet-valid are so for the wall clock as well as the sim clock', async () => {
    const simNow = mock.clock.now();
    const wallNow = Date.now();
    const expired = (await mock.certificates.served(serverOf('expired'))).leaf.x509;
    const future = (await mock.certificates.served(serverOf('not-yet-valid'))).leaf.x509;
    expect(Date.parse(expired.validTo)).toBeLessThan(Math.min(simNow, wallNow));
    expect(Date.parse(future.validFrom)).toBeGreaterThan(Math.max(simNow, wallNow));
    const valid = (await mock.certificates.served(serverOf('valid'))).leaf.x509;
    expect(Date.parse(valid.validFrom)).toBeLessThan(Math.min(simNow, wallNow));
    expect(Date.parse(valid.validTo)).toBeGreaterThan(Math.max(simNow, wallNow));
  });
});
