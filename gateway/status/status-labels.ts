/**
 * The Exchange Server Status labels, verbatim as IM&P shows them (identifiers QA greps for), each with
 * an explanation and a recommended action in our own words.
 */
export const REACHABILITY_LABELS = ['pingable', 'unreachable'] as const;
export type ReachabilityLabel = (typeof REACHABILITY_LABELS)[number];

export const SSL_LABELS = [
  'Verified',
  'Failed - Certificate Missing From Chain',
  'Failed - Subject CN Mismatch',
  'Failed - SAN Mismatch',
  'Failed - Bad Certificates',
  'Failed - Network Error',
  'Failed',
] as const;
export type SslLabel = (typeof SSL_LABELS)[number];

export interface LabelHelp {
  explanation: string;
  action: string;
}

/** The help shown next to one status row, for the admin API and the dashboard alike. */
export interface StatusHelp {
  reachability: LabelHelp;
  ssl: LabelHelp;
}

export const REACHABILITY_HELP: Record<ReachabilityLabel, LabelHelp> = {
  pingable: { explanation: 'The Presence Gateway host answers on the network.', action: 'None.' },
  unreachable: {
    explanation:
      'The Presence Gateway host does not answer the reachability probe: the name does not resolve, the address is wrong, the host is down, or a firewall drops ICMP (then SSL can still be Verified, since it connects over TCP).',
    action:
      'Check the Presence Gateway value (FQDN or IP), DNS, and that the Exchange server is up and routable from the IM and Presence node.',
  },
};

export const SSL_HELP: Record<SslLabel, LabelHelp> = {
  Verified: {
    explanation: 'The TLS handshake succeeded and the certificate chain and host name check out.',
    action: 'None.',
  },
  'Failed - Certificate Missing From Chain': {
    explanation:
      'A certificate needed to build the chain up to a trusted root is neither sent by Exchange nor in the cup-trust store.',
    action:
      'Open Configure/View to see which issuer is Missing, download that CA certificate from the Exchange side, upload it to cup-trust (OS Administration), then restart the Cisco Presence Engine.',
  },
  'Failed - Subject CN Mismatch': {
    explanation:
      'The certificate has no DNS Subject Alternative Names and its Subject CN does not match the Presence Gateway value.',
    action:
      'Set the Presence Gateway value to the certificate Subject CN, or reissue the Exchange certificate for the name IM and Presence uses.',
  },
  'Failed - SAN Mismatch': {
    explanation: 'None of the certificate DNS Subject Alternative Names matches the Presence Gateway value.',
    action:
      'Use a Presence Gateway value listed in the certificate SANs, or reissue the Exchange certificate with that name as a SAN.',
  },
  'Failed - Bad Certificates': {
    explanation:
      'A certificate in the chain is unusable: its signature does not verify (for example Exchange regenerated its certificate and cup-trust holds the old one), it uses an unsupported algorithm or key, or it is outside its validity dates.',
    action:
      'Delete the outdated certificate from cup-trust and upload the current one from Exchange, or reissue the Exchange certificate with a supported algorithm and valid dates; then restart the Cisco Presence Engine.',
  },
  'Failed - Network Error': {
    explanation: 'The TCP connection was refused, reset, or not answered within the Exchange Timeout.',
    action:
      'Check that the Presence Gateway Port is right, that IIS on Exchange listens on it, and that no firewall drops the traffic.',
  },
  Failed: {
    explanation:
      'The TLS connection failed for another reason: the name does not resolve, no common protocol version or cipher, or the certificate is not for server use.',
    action:
      'Check DNS for the Presence Gateway value and the TLS settings and certificate purpose on the Exchange server.',
  },
};

export function statusHelp(row: { reachability: ReachabilityLabel; ssl: SslLabel }): StatusHelp {
  return { reachability: REACHABILITY_HELP[row.reachability], ssl: SSL_HELP[row.ssl] };
}
