import type { CertificateProfile } from '../certificate-profile.ts';
import { served } from '../organization-pki.ts';
import { parentDomain, publicMailName } from './host-names.ts';

export const sanMismatch: CertificateProfile = {
  name: 'san-mismatch',
  status: 'Failed - SAN Mismatch',
  explain: () =>
    'The subject CN is the server FQDN, but the Subject Alternative Names list only mail.<domain> and ' +
    'autodiscover.<domain>; clients ignore the CN when DNS SANs are present, so the FQDN does not match.',
  build: ({ pki, server }) =>
    served(
      pki.serverCertificate(server, {
        dnsNames: [publicMailName(server.fqdn), `autodiscover.${parentDomain(server.fqdn)}`],
        ipAddresses: [],
      }),
      [pki.issuing],
      pki.caChainPem,
    ),
};
