import { type CertificateProfile, WEAK_CHAIN_TLS } from '../certificate-profile.ts';
import { served } from '../organization-pki.ts';

export const tls10Only: CertificateProfile = {
  name: 'tls-1.0-only',
  status: 'Failed',
  explain: () =>
    'The certificate chain is valid but the server speaks only TLS 1.0, which current clients refuse ' +
    '(protocol_version alert); the certificate is never verified.',
  build: ({ pki, server }) =>
    served(pki.serverCertificate(server), [pki.issuing], pki.caChainPem, {
      ...WEAK_CHAIN_TLS,
      minVersion: 'TLSv1',
      maxVersion: 'TLSv1',
    }),
};
