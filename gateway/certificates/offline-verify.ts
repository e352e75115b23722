import { validateGatewayHost } from '../config/host-value.ts';
import { GatewayError } from '../gateway-error.ts';
import { releaseProfile } from '../releases/release-profiles.ts';
import type { SslEvidence } from '../status/gateway-check.ts';
import { sslLabel } from '../status/ssl-label-table.ts';
import type { SslLabel } from '../status/status-labels.ts';
import { verifyChain } from './chain-verifier.ts';
import { parseCertificates } from './parse-certificates.ts';

/** A file as read by the caller: its name (for errors) and its bytes. */
export interface NamedFile {
  name: string;
  data: Buffer | string;
}

export interface OfflineVerifyInput {
  /** The chain a customer exported, leaf first as Exchange presents it. */
  chain: NamedFile;
  /** cup-trust as the customer has it: any number of PEM or DER files. */
  trust: NamedFile[];
  /** The Presence Gateway value the status area would connect to. */
  host: string;
  /** The IM and Presence release whose certificate policy judges (default the newest). */
  release?: string;
  /** The instant the validity dates are judged at (epoch ms). */
  at: number;
}

export interface OfflineVerdict {
  host: string;
  release: string;
  at: string;
  ssl: SslLabel;
  evidence: SslEvidence;
  /** What an offline judgement cannot see, said once so nobody reads more into the row. */
  notJudged: string[];
}

/** What only a live handshake shows (DESIGN §3 rules 1 and 2). */
const NOT_JUDGED_OFFLINE = [
  'reachability and network errors (no connection is made)',
  'the TLS protocol versions and ciphers Exchange offers',
];

/** Parse one file of certificates, refusing an empty file by name before the parser sees it. */
function certificatesOf(file: NamedFile) {
  if (file.data.length === 0 || file.data.toString().trim() === '')
    throw new GatewayError('NOT_A_CERTIFICATE', `${file.name}: the file is empty`, 'file');
  return parseCertificates(file.data, file.name);
}

/**
 * The SSL status row a chain would get from the status area of an IM and Presence node trusting `trust`,
 * judged without a connection: the same verifier, policy and label table as the live check (DESIGN §3 rules 3 to 6).
 */
export function verifyExportedChain(input: OfflineVerifyInput): OfflineVerdict {
  const host = validateGatewayHost(input.host);
  if (!Number.isFinite(input.at)) throw new GatewayError('INVALID_VALUE', 'the time to judge at is not a date', 'at');
  const profile = releaseProfile(input.release);
  const presented = certificatesOf(input.chain);
  const trusted = input.trust.flatMap(certificatesOf);
  const verdict = verifyChain({
    presented,
    trusted,
    host,
    now: input.at,
    policy: profile.certificatePolicy,
  });
  return {
    host,
    release: profile.release,
    at: new Date(input.at).toISOString(),
    ssl: sslLabel(verdict.outcome),
    evidence: { rule: verdict.outcome, detail: verdict.detail, warnings: verdict.warnings, chain: verdict.rows },
    notJudged: NOT_JUDGED_OFFLINE,
  };
}
