import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyChain } from '../../../../gateway/certificates/chain-verifier.ts';
import { poolKey } from '../../../../mock-exchange/certs/key-pool.ts';
import { buildChain, HOST, NOW } from '../../../support/verifier-pki.ts';

const dir = mkdtempSync(join(tmpdir(), 'pgsim-ec-leaf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const at = (name: string) => join(dir, name);
const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, encoding: 'utf8', stdio: 'pipe' });

describe('an EC leaf (node-forge cannot make one, so openssl does)', () => {
  it('a P-256 server certificate under the issuing CA verifies: the RSA key minimum applies to RSA keys only, as OpenSSL agrees', () => {
    const { presented, trusted } = buildChain();
    const issuing = presented[1]!;
    writeFileSync(at('issuing.pem'), issuing.toString());
    writeFileSync(at('issuing.key'), poolKey('issuing').export({ type: 'pkcs8', format: 'pem' }));
    writeFileSync(at('root.pem'), trusted[0]!.toString());
    writeFileSync(
      at('ext.cnf'),
      `subjectAltName=DNS:${HOST}\nextendedKeyUsage=serverAuth\nkeyUsage=critical,digitalSignature\n`,
    );
    openssl('ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', 'leaf.key');
    openssl('req', '-new', '-key', 'leaf.key', '-subj', `/CN=${HOST}`, '-out', 'leaf.csr');
    // Ten years from today covers the verifier tests' instant (May 2030).
    openssl(
      'x509',
      '-req',
      '-in',
      'leaf.csr',
      '-CA',
      'issuing.pem',
      '-CAkey',
      'issuing.key',
      '-set_serial',
      '4',
      '-days',
      '3650',
      '-sha256',
      '-extfile',
      'ext.cnf',
      '-out',
      'leaf.pem',
    );
    const leaf = new X509Certificate(readFileSync(at('leaf.pem')));
    expect(leaf.publicKey.asymmetricKeyType).toBe('ec');
    const attime = String(Math.floor(NOW / 1000));
    const verdict = openssl(
      'verify',
      '-attime',
      attime,
      '-CAfile',
      'root.pem',
      '-untrusted',
      'issuing.pem',
      '-purpose',
      'sslserver',
      '-verify_hostname',
      HOST,
      'leaf.pem',
    );
    expect(verdict.trim()).toBe('leaf.pem: OK');
    const v = verifyChain({ presented: [leaf, issuing], trusted, host: HOST, now: NOW });
    expect([v.outcome, v.detail]).toEqual([
      'verified',
      `chain to trusted "Verifier Test Root CA" verified for ${HOST}`,
    ]);
  });
});
