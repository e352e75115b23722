import type { CertificateProfile } from '../certificate-profile.ts';
import { served } from '../organization-pki.ts';
import { expiredWindow } from '../validity.ts';

export const expired: CertificateProfile = {
  name: 'expired',
  status: 'Failed - Bad Certificates',
  explain: () =>
    'The leaf was valid for one year and expired 30 days before the earlier of the sim clock and the wall ' +
    'clock (at the time the profile was applied), so both the gateway and real TLS clients see it expired.',
  build: ({ pki, server }) =>
    served(pki.serverCertificate(server, expiredWindow(pki.instants())), [pki.issuing], pki.caChainPem),
};
