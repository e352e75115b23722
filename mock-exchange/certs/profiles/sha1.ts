import { type CertificateProfile, WEAK_CHAIN_TLS } from '../certificate-profile.ts';
import { served } from '../organization-pki.ts';

export const sha1: CertificateProfile = {
  name: 'sha1',
  status: 'Verified',
  explain: () =>
    'The leaf is signed with sha1WithRSAEncryption. The gateway accepts SHA-1 with a warning by default ' +
    '(Failed - Bad Certificates when its policy rejects SHA-1); Node and OpenSSL at security level 1 or more ' +
    'reject it. The server runs at security level 0 so that it can serve it.',
  build: ({ pki, server }) =>
    served(pki.serverCertificate(server, { digest: 'sha1' }), [pki.issuing], pki.caChainPem, WEAK_CHAIN_TLS),
};
