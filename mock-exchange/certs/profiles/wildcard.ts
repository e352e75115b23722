import type { CertificateProfile } from '../certificate-profile.ts';
import { served } from '../organization-pki.ts';
import { parentDomain } from './host-names.ts';

export const wildcard: CertificateProfile = {
  name: 'wildcard',
  status: 'Verified',
  explain: () =>
    'A wildcard certificate for *.<domain> (and <domain>) issued by the issuing CA: it matches a server FQDN ' +
    'one label below the domain, never a deeper name nor an IP address.',
  build: ({ pki, server }) => {
    const domain = parentDomain(server.fqdn);
    return served(
      pki.serverCertificate(server, { subjectCN: `*.${domain}`, dnsNames: [`*.${domain}`, domain], ipAddresses: [] }),
      [pki.issuing],
      pki.caChainPem,
    );
  },
};
