import { type CertificateProfile, WEAK_CHAIN_TLS } from '../certificate-profile.ts';
import { served } from '../organization-pki.ts';
import { issueCertificate } from '../pki.ts';

export const md5: CertificateProfile = {
  name: 'md5',
  status: 'Failed - Bad Certificates',
  explain: () =>
    'The issuing CA certificate (same name and key as the real one) is signed by the root with ' +
    'md5WithRSAEncryption under a SHA-256 leaf, an algorithm no verifier accepts any more. The weak signature ' +
    'sits on the CA, not the leaf: OpenSSL as a server never presents an MD5-signed leaf to a client that sends ' +
    'signature_algorithms_cert (Java always does), so such a client would fail the handshake without judging ' +
    'the certificate. The server runs at OpenSSL security level 0 so that it can serve the chain at all.',
  build: ({ pki, server }) => {
    const issuing = pki.issuing.forgeCert;
    const md5Issuing = issueCertificate(
      {
        subjectCN: issuing.subject.getField('CN').value,
        organization: issuing.subject.getField('O').value,
        serial: pki.serial('02'),
        notBefore: issuing.validity.notBefore,
        notAfter: issuing.validity.notAfter,
        key: pki.issuing.key,
        isCA: true,
        pathLen: 0,
        nameConstraints: pki.permitted,
        digest: 'md5',
      },
      pki.root,
    );
    return served(
      pki.serverCertificate(server, {}, md5Issuing),
      [md5Issuing],
      [md5Issuing.pem, pki.root.pem],
      WEAK_CHAIN_TLS,
    );
  },
};
