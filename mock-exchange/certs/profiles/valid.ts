import type { CertificateProfile } from '../certificate-profile.ts';

export const valid: CertificateProfile = {
  name: 'valid',
  status: 'Verified',
  explain: () =>
    'Nothing is wrong: a leaf for the server FQDN (SAN DNS name and IP address) issued by the issuing CA, ' +
    'served with that intermediate; a client trusting the root CA verifies it.',
  build: ({ pki, server }) => pki.validServerCertificate(server),
};
