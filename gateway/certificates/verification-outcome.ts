import type { ChainRow } from './chain-rows.ts';
import type { ProbeFailure } from './tls-probe.ts';

/** What the chain verifier decided, named by the rule that fired (DESIGN §3 rules 3 to 6). */
export const CHAIN_OUTCOMES = [
  'verified',
  'no-certificate',
  'missing-issuer',
  'untrusted-root',
  'bad-signature',
  'unsupported-algorithm',
  'weak-key',
  'validity',
  'server-auth-eku',
  'cn-mismatch',
  'san-mismatch',
  'purpose',
] as const;
export type ChainOutcome = (typeof CHAIN_OUTCOMES)[number];

/** Every outcome of probing and verifying one gateway: a probe failure (rules 1 and 2) or a chain outcome. */
export type SslOutcome = ProbeFailure | ChainOutcome;

/** A rule that fired, with the sentence that says why. */
export interface Finding {
  outcome: ChainOutcome;
  detail: string;
}

/** The verifier's answer: the outcome and its evidence; the label comes from the one table (ssl-label-table). */
export interface ChainVerdict extends Finding {
  warnings: string[];
  rows: ChainRow[];
}
