import type { ChainRow } from '../certificates/chain-rows.ts';
import { type CheckContext, probeAndVerify } from '../certificates/probe-and-verify.ts';
import type { SslOutcome } from '../certificates/verification-outcome.ts';
import type { PresenceGateway } from '../config/gateway-store.ts';
import type { ReachabilityEvidence } from '../network/gateway-network.ts';
import { sslLabel } from './ssl-label-table.ts';
import type { ReachabilityLabel, SslLabel } from './status-labels.ts';

export type { CheckContext };

/** Evidence behind an SSL verdict: the error or rule that fired and the chain as seen. */
export interface SslEvidence {
  rule: SslOutcome;
  detail: string;
  error?: { code: string; message: string };
  warnings: string[];
  chain: ChainRow[];
  protocol?: string | null;
}

export interface GatewayStatus {
  gateway: PresenceGateway;
  reachability: ReachabilityLabel;
  /** The probe the reachability test used and what it saw. */
  reachabilityEvidence: ReachabilityEvidence;
  ssl: SslLabel;
  evidence: SslEvidence;
  checkedAt: number;
}

/** Run both tests of the Exchange Server Status area for one gateway. */
export async function checkGateway(gw: PresenceGateway, ctx: CheckContext): Promise<GatewayStatus> {
  const [reachable, check] = await Promise.all([
    ctx.network.reachable(gw.host, gw.port, ctx.timeoutMs, ctx.clock),
    probeAndVerify(gw, ctx),
  ]);
  const evidence: SslEvidence = check.error
    ? { rule: check.outcome, detail: check.detail, error: check.error, warnings: [], chain: [] }
    : {
        rule: check.outcome,
        detail: check.detail,
        warnings: check.warnings,
        chain: check.rows,
        protocol: check.protocol,
      };
  return {
    gateway: gw,
    reachability: reachable ? 'pingable' : 'unreachable',
    reachabilityEvidence: ctx.network.describeReachability(gw.host, gw.port, reachable),
    ssl: sslLabel(check.outcome),
    evidence,
    checkedAt: ctx.clock.now(),
  };
}
