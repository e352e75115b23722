import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SslStatus } from '../../../../mock-exchange/certs/certificate-profile.ts';
import { CERTIFICATE_PROFILES, PROFILE_NAMES } from '../../../../mock-exchange/certs/profiles/index.ts';
import type { MockExchange } from '../../../../mock-exchange/mock-exchange.ts';
import type { OrgConfig } from '../../../../mock-exchange/org-config.ts';
import { HAS_JDK, JavaTlsClient, type JavaVerdict, JDK_NOTICE } from '../../../support/java-tls-client.ts';
import { startMock } from '../../../support/mock-server.ts';
import { SVC } from '../../../support/test-org.ts';

/**
 * JSSE's messages mapped to the chapter's rows: path building (no trust anchor reachable) is a missing
 * certificate; path validation (signature, algorithm constraints, dates) is a bad certificate; endpoint
 * identification names CN or SAN; an alert before any certificate is a plain failure.
 */
function statusFromJava(v: JavaVerdict): SslStatus {
  if (v.ok) return 'Verified';
  if (/unable to find valid certification path/.test(v.chain)) return 'Failed - Certificate Missing From Chain';
  if (/No subject alternative DNS name matching/.test(v.chain)) return 'Failed - SAN Mismatch';
  if (/No name matching .* found/.test(v.chain)) return 'Failed - Subject CN Mismatch';
  if (/PKIX path validation failed|Extended key usage does not permit/.test(v.chain))
    return 'Failed - Bad Certificates';
  return 'Failed';
}

/**
 * Where Java's verdict differs from the profile's status row. client-auth-only: JSSE rejects the
 * certificate's purpose during validation, whereas the row shows Failed (the release-profile issue settles it).
 * regenerated: its row needs the original self-signed certificate trusted (the story test below); with
 * the root alone Java cannot build a path at all.
 */
const JAVA_STATUS: Record<string, SslStatus> = {
  'client-auth-only': 'Failed - Bad Certificates',
  regenerated: 'Failed - Certificate Missing From Chain',
};

const serverOf = (profile: string) => `s${PROFILE_NAMES.indexOf(profile) + 1}`;

function catalogOrg(): OrgConfig {
  return {
    domain: 'example.test',
    seed: 'java-catalog',
    servers: PROFILE_NAMES.map((certificate, i) => ({
      name: `s${i + 1}`,
      fqdn: `s${i + 1}.example.test`,
      ip: `127.0.22.${i + 1}`,
      port: 0,
      certificate,
    })),
    accounts: [{ user: SVC.user, password: SVC.password, impersonation: true }],
    mailboxes: [],
  };
}

describe.skipIf(!HAS_JDK)(`certificate profiles as Java's TLS client sees them${JDK_NOTICE}`, () => {
  let mock: MockExchange;
  let java: JavaTlsClient;
  let dir: string;
  let rootFile: string;

  beforeAll(async () => {
    [mock, java] = await Promise.all([startMock(catalogOrg()), JavaTlsClient.compile()]);
    dir = mkdtempSync(join(tmpdir(), 'pgsim-java-profiles-'));
    rootFile = join(dir, 'root.pem');
    writeFileSync(rootFile, mock.pki.root.pem);
  }, 120_000);
  afterAll(async () => {
    await mock?.stop();
    await java?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(PROFILE_NAMES)(
    "%s: Java trusting the root CA concludes the profile's status row",
    async (profile) => {
      const s = mock.org.server(serverOf(profile))!;
      const verdict = await java.verdict(s.ip, s.port, s.fqdn, [rootFile]);
      const expected = JAVA_STATUS[profile] ?? CERTIFICATE_PROFILES.get(profile)!.status;
      expect(statusFromJava(verdict), JSON.stringify(verdict)).toBe(expected);
      // Java judged the certificate itself, except where the protocol is the fault.
      if (!verdict.ok && profile !== 'tls-1.0-only') expect(verdict.chain).not.toMatch(/handshake_failure/);
    },
    60_000,
  );

  it('md5: Java receives the chain and rejects the MD5-signed issuing CA by its algorithm constraints', async () => {
    const s = mock.org.server(serverOf('md5'))!;
    const verdict = await java.verdict(s.ip, s.port, s.fqdn, [rootFile]);
    expect(verdict).toMatchObject({
      ok: false,
      chain: expect.stringMatching(/Algorithm constraints check failed on signature algorithm: MD5withRSA/),
    });
  }, 60_000);

  it('regenerated: Java trusting the original self-signed certificate fails on its signature (Bad Certificates); the original itself verifies', async () => {
    const server = serverOf('regenerated');
    const original = await mock.certificates.build(server, 'exchange-self-signed');
    const originalFile = join(dir, 'original-self-signed.pem');
    writeFileSync(originalFile, original.leaf.pem);
    const s = mock.org.server(server)!;
    const regenerated = await java.verdict(s.ip, s.port, s.fqdn, [originalFile]);
    expect(regenerated).toMatchObject({ ok: false, chain: expect.stringMatching(/signature check failed/) });
    expect(statusFromJava(regenerated)).toBe('Failed - Bad Certificates');

    const first = mock.org.server(serverOf('exchange-self-signed'))!;
    const firstFile = join(dir, 'first-self-signed.pem');
    writeFileSync(firstFile, (await mock.certificates.served(serverOf('exchange-self-signed'))).leaf.pem);
    expect(await java.verdict(first.ip, first.port, first.fqdn, [firstFile])).toMatchObject({ ok: true });
  }, 60_000);
});
