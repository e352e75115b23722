import { type CertificateProfile, WEAK_CHAIN_TLS } from '../certificate-profile.ts';
import { served } from '../organization-pki.ts';

export const md5: CertificateProfile = {
  name: 'md5',
  status: 'Failed - Bad Certificates',
  explain: () =>
    'The leaf is signed with md5WithRSAEncryption, an algorithm no verifier accepts any more; the server ' +
    'runs at OpenSSL security level 0 so that it can serve it at all.',
  build: ({ pki, server }) =>
    served(pki.serverCertificate(server, { digest: 'md5' }), [pki.issuing], pki.caChainPem, WEAK_CHAIN_TLS),
};
