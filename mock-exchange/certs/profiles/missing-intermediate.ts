import type { CertificateProfile } from '../certificate-profile.ts';
import { served } from '../organization-pki.ts';

export const missingIntermediate: CertificateProfile = {
  name: 'missing-intermediate',
  status: 'Failed - Certificate Missing From Chain',
  explain: () =>
    'The server presents its leaf without the issuing CA certificate, so a client that trusts only the root ' +
    'cannot build the chain until the issuing CA is uploaded to its trust store.',
  build: ({ pki, server }) => served(pki.serverCertificate(server), [], pki.caChainPem),
};
