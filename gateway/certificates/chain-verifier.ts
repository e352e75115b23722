import type { X509Certificate } from 'node:crypto';
import { checkAlgorithms } from './algorithm-check.ts';
import type { CertificatePolicy } from './certificate-policy.ts';
import { DEFAULT_CERTIFICATE_POLICY } from './certificate-policy.ts';
import { type ChainRow, certificateRow, missingRow, type ViewerStatus } from './chain-rows.ts';
import { checkHostIdentity } from './host-identity.ts';
import { commonName } from './parse-certificates.ts';
import { buildPath, type CertificatePath } from './path-builder.ts';
import { checkServerAuthUsage } from './server-auth-usage.ts';
import { checkValidity, outsideValidity } from './validity-check.ts';
import type { ChainVerdict, Finding } from './verification-outcome.ts';

export interface VerifyInput {
  /** Certificates as Exchange presented them, leaf first. */
  presented: X509Certificate[];
  trusted: X509Certificate[];
  /** The Presence Gateway value (FQDN or IP). */
  host: string;
  now: number;
  policy?: CertificatePolicy;
  /** Roots bundled with the node's JDK (cacerts); the lab's PKI is private, so none by default. */
  jdkRoots?: readonly X509Certificate[];
}

interface Judged {
  path: CertificatePath;
  leaf: X509Certificate;
  input: VerifyInput;
  policy: CertificatePolicy;
  warnings: string[];
}

const top = (path: CertificatePath) => path.links[path.links.length - 1]!.cert;

/** DESIGN §3 rules 3 to 5 in their order, then the purpose check; the first finding wins. */
const RULES: ((j: Judged) => Finding | undefined)[] = [
  ({ path }) =>
    path.missingIssuer === undefined
      ? undefined
      : {
          outcome: 'missing-issuer',
          detail: `issuer "${commonName(path.missingIssuer)}" of "${commonName(top(path).subject)}" was not presented and is not in cup-trust`,
        },
  ({ path }) =>
    path.untrustedTop
      ? { outcome: 'untrusted-root', detail: `self-signed "${commonName(top(path).subject)}" is not in cup-trust` }
      : undefined,
  ({ path }) => {
    if (path.badSignatureAt === undefined) return undefined;
    const c = path.links[path.badSignatureAt]!.cert;
    return {
      outcome: 'bad-signature',
      detail: `bad signature: "${commonName(c.subject)}" does not verify with the key of the trusted "${commonName(c.issuer)}"`,
    };
  },
  ({ path, policy, warnings, input }) => checkAlgorithms(path.links, policy, warnings, input.jdkRoots),
  ({ path, input }) =>
    checkValidity(
      path.links.map((l) => l.cert),
      input.now,
    ),
  ({ leaf, policy }) => checkServerAuthUsage(leaf, policy, 'bad-certificate'),
  ({ leaf, input }) => checkHostIdentity(input.host, leaf),
  ({ leaf, policy }) => checkServerAuthUsage(leaf, policy, 'purpose'),
];

/** The viewer's rows for a built path, whatever the verdict. */
function viewerRows(path: CertificatePath, now: number): ChainRow[] {
  const statusOf = (cert: X509Certificate, i: number): ViewerStatus => {
    if (path.badSignatureAt === i) return 'Bad signature';
    if (outsideValidity(cert, now)) return 'Expired';
    if (path.missingIssuer !== undefined || path.untrustedTop) return 'Untrusted';
    return 'Verified';
  };
  const rows = path.links.map((l, i) => certificateRow(l.cert, l, statusOf(l.cert, i)));
  if (path.missingIssuer !== undefined) rows.push(missingRow(path.missingIssuer));
  return rows;
}

/**
 * Path building and verification as the IM&P status check does it (DESIGN §3 rules 3 to 6), after a
 * successful handshake: the outcome of the first rule that fires, with its evidence.
 */
export function verifyChain(input: VerifyInput): ChainVerdict {
  const policy = input.policy ?? DEFAULT_CERTIFICATE_POLICY;
  const [leaf] = input.presented;
  if (!leaf) return { outcome: 'no-certificate', detail: 'Exchange presented no certificate', warnings: [], rows: [] };
  const path = buildPath(input.presented, input.trusted, policy);
  const judged: Judged = { path, leaf, input, policy, warnings: [] };
  const rows = viewerRows(path, input.now);
  for (const rule of RULES) {
    const finding = rule(judged);
    if (finding) return { ...finding, warnings: judged.warnings, rows };
  }
  return {
    outcome: 'verified',
    detail: `chain to trusted "${commonName(top(path).subject)}" verified for ${input.host}`,
    warnings: judged.warnings,
    rows,
  };
}
