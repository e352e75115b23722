import type { CertificateProfile } from '../certificate-profile.ts';
import { served } from '../organization-pki.ts';
import { notYetValidWindow } from '../validity.ts';

export const notYetValid: CertificateProfile = {
  name: 'not-yet-valid',
  status: 'Failed - Bad Certificates',
  explain: () =>
    'The leaf becomes valid 30 days after the later of the sim clock and the wall clock (at the time the ' +
    'profile was applied), so both the gateway and real TLS clients see it not yet valid until then.',
  build: ({ pki, server }) =>
    served(pki.serverCertificate(server, notYetValidWindow(pki.instants())), [pki.issuing], pki.caChainPem),
};
