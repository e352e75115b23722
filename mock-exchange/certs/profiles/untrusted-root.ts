import type { CertificateProfile } from '../certificate-profile.ts';
import { served } from '../organization-pki.ts';

export const untrustedRoot: CertificateProfile = {
  name: 'untrusted-root',
  status: 'Failed - Certificate Missing From Chain',
  explain: () =>
    'The leaf is issued by "Other Root CA", a root the client does not trust; the server presents that root ' +
    'with the leaf, and the chain verifies only once that root is uploaded to the trust store.',
  build: ({ pki, server }) =>
    served(pki.serverCertificate(server, {}, pki.otherRoot), [pki.otherRoot], [pki.otherRoot.pem]),
};
