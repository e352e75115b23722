import { createPublicKey, X509Certificate } from 'node:crypto';
import forge from 'node-forge';
import { generate } from 'selfsigned';
import { poolKey } from './key-pool.ts';
import type { OrganizationPki, ServedCertificate, ServerIdentity } from './organization-pki.ts';
import { shortHostName } from './profiles/host-names.ts';
import { validAround, YEAR } from './validity.ts';

/**
 * The certificate Exchange setup creates for itself ("Microsoft Exchange"): self-signed, CN = the short
 * host name, SANs = the short name and the FQDN, five years, sha256; made with the selfsigned package.
 * `generation` picks the key: Exchange regenerating its certificate makes a new key under the same name.
 */
export async function exchangeSelfSignedCertificate(
  pki: OrganizationPki,
  server: ServerIdentity,
  generation: 'original' | 'regenerated',
): Promise<ServedCertificate> {
  const key = poolKey(generation === 'original' ? 'leaf-b' : 'leaf-c');
  const now = pki.instants();
  // The regenerated certificate is younger: issued a day before now instead of years ago.
  const window =
    generation === 'original' ? validAround(now, 2 * YEAR, 3 * YEAR) : validAround(now, 86_400_000, 5 * YEAR);
  const name = shortHostName(server.fqdn);
  const pems = await generate([{ name: 'commonName', value: name }], {
    keyPair: {
      privateKey: key.export({ type: 'pkcs8', format: 'pem' }).toString(),
      publicKey: createPublicKey(key).export({ type: 'spki', format: 'pem' }).toString(),
    },
    algorithm: 'sha256',
    notBeforeDate: window.notBefore,
    notAfterDate: window.notAfter,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', critical: true, digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: name },
          { type: 2, value: server.fqdn },
        ],
      },
    ],
  });
  const leaf = {
    pem: pems.cert,
    key,
    forgeCert: forge.pki.certificateFromPem(pems.cert),
    x509: new X509Certificate(pems.cert),
  };
  return { keyPem: pems.private, chainPem: [pems.cert], leaf, caPem: [pems.cert] };
}
