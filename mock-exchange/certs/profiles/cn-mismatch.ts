import type { CertificateProfile } from '../certificate-profile.ts';
import { served } from '../organization-pki.ts';
import { publicMailName } from './host-names.ts';

export const cnMismatch: CertificateProfile = {
  name: 'cn-mismatch',
  status: 'Failed - Subject CN Mismatch',
  explain: () =>
    'The certificate has no Subject Alternative Name and its subject CN is the public mail name ' +
    '(mail.<domain>), not the server FQDN the gateway connects to.',
  build: ({ pki, server }) =>
    served(
      pki.serverCertificate(server, { subjectCN: publicMailName(server.fqdn), dnsNames: [], ipAddresses: [] }),
      [pki.issuing],
      pki.caChainPem,
    ),
};
