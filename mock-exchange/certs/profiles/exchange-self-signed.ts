import type { CertificateProfile } from '../certificate-profile.ts';
import { exchangeSelfSignedCertificate } from '../exchange-self-signed-cert.ts';

export const exchangeSelfSigned: CertificateProfile = {
  name: 'exchange-self-signed',
  status: 'Failed - Certificate Missing From Chain',
  explain: () =>
    'What a freshly installed Exchange serves: a self-signed certificate (CN = short host name, SANs = short ' +
    'name and FQDN, sha256) that no CA issued; it verifies only once that certificate itself is uploaded.',
  build: ({ pki, server }) => exchangeSelfSignedCertificate(pki, server),
};
