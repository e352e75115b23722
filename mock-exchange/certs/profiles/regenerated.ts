import type { CertificateProfile } from '../certificate-profile.ts';
import { regeneratedSelfSignedCertificate } from '../exchange-self-signed-cert.ts';

export const regenerated: CertificateProfile = {
  name: 'regenerated',
  status: 'Failed - Bad Certificates',
  explain: () =>
    'Exchange made a new self-signed certificate with the same name as its original one (exchange-self-signed) ' +
    'but a new key: a trust store holding the original no longer matches what the server presents. The status ' +
    'row assumes the original was uploaded; with only the root trusted it reads as exchange-self-signed does.',
  build: ({ pki, server }) => regeneratedSelfSignedCertificate(pki, server),
};
