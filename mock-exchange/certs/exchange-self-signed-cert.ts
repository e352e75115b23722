import { createPublicKey, X509Certificate } from 'node:crypto';
import forge from 'node-forge';
import { generate } from 'selfsigned';
import { poolKey } from './key-pool.ts';
import { type OrganizationPki, type ServedCertificate, type ServerIdentity, served } from './organization-pki.ts';
import { issueCertificate } from './pki.ts';
import { shortHostName } from './profiles/host-names.ts';
import { DAY, validAround, YEAR } from './validity.ts';

/**
 * The certificate Exchange setup creates for itself ("Microsoft Exchange"): self-signed, CN = the short
 * host name, SANs = the short name and the FQDN, serverAuth, sha256; made with the selfsigned package.
 */
export async function exchangeSelfSignedCertificate(
  pki: OrganizationPki,
  server: ServerIdentity,
): Promise<ServedCertificate> {
  const key = poolKey('leaf-b');
  const window = validAround(pki.instants(), 2 * YEAR, 3 * YEAR);
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

/**
 * What Exchange makes when it regenerates that certificate: the same name and SANs, a new key, issued a
 * day ago. Built with the fast forge path (the selfsigned package costs tens of ms per certificate).
 */
export function regeneratedSelfSignedCertificate(pki: OrganizationPki, server: ServerIdentity): ServedCertificate {
  const name = shortHostName(server.fqdn);
  const leaf = issueCertificate({
    subjectCN: name,
    serial: pki.serial('05'),
    ...validAround(pki.instants(), DAY, 5 * YEAR),
    key: poolKey('leaf-c'),
    dnsNames: [name, server.fqdn],
  });
  return served(leaf, [], [leaf.pem]);
}
