import { type CertificateProfile, WEAK_CHAIN_TLS } from '../certificate-profile.ts';
import { poolKey } from '../key-pool.ts';
import { served } from '../organization-pki.ts';

export const rsa512: CertificateProfile = {
  name: 'rsa-512',
  status: 'Failed - Bad Certificates',
  explain: () =>
    'The leaf key is RSA-512, far below the 1024-bit minimum. The server runs at security level 0 and at most ' +
    'TLS 1.2, because TLS 1.3 (RSA-PSS) cannot sign with a key that small.',
  build: ({ pki, server }) =>
    served(pki.serverCertificate(server, { key: poolKey('rsa-512') }), [pki.issuing], pki.caChainPem, {
      ...WEAK_CHAIN_TLS,
      maxVersion: 'TLSv1.2',
    }),
};
