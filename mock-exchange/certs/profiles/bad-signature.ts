import type { CertificateProfile } from '../certificate-profile.ts';
import { served } from '../organization-pki.ts';

export const badSignature: CertificateProfile = {
  name: 'bad-signature',
  status: 'Failed - Bad Certificates',
  explain: () =>
    'The leaf names the trusted issuing CA (issuer DN and authority key identifier) but is signed by an ' +
    "impostor's key, so its signature does not verify with the issuing CA's public key.",
  build: ({ pki, server }) =>
    served(pki.serverCertificate(server, { signingKey: pki.impostor.key }), [pki.issuing], pki.caChainPem),
};
