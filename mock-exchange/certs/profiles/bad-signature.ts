import type { CertificateProfile } from '../certificate-profile.ts';
import { poolKey } from '../key-pool.ts';
import { served } from '../organization-pki.ts';

export const badSignature: CertificateProfile = {
  name: 'bad-signature',
  status: 'Failed - Bad Certificates',
  explain: () =>
    'The leaf names the trusted issuing CA (issuer DN and authority key identifier) but is signed by an ' +
    "impostor's key, so its signature does not verify with the issuing CA's public key.",
  build: ({ pki, server }) =>
    served(pki.serverCertificate(server, { signingKey: poolKey('impostor') }), [pki.issuing], pki.caChainPem),
};
