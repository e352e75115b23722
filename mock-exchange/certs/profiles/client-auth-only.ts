import type { CertificateProfile } from '../certificate-profile.ts';
import { served } from '../organization-pki.ts';

export const clientAuthOnly: CertificateProfile = {
  name: 'client-auth-only',
  status: 'Failed - Bad Certificates',
  explain: () =>
    'The leaf is fine except for its extended key usage: clientAuth only, no serverAuth, so it is ' +
    'unsuitable for a TLS server: Java (JSSE) rejects the certificate itself.',
  build: ({ pki, server }) =>
    served(pki.serverCertificate(server, { extKeyUsage: 'clientAuth' }), [pki.issuing], pki.caChainPem),
};
