import type { X509Certificate } from 'node:crypto';
import type { Clock } from '../../sim/clock.ts';
import { type AlgorithmPolicy, type ChainRow, type VerdictRule, verifyChain } from '../certificates/chain-verifier.ts';
import { type ProbeFailure, probeTls } from '../certificates/tls-probe.ts';
import type { PresenceGateway } from '../config/gateway-store.ts';
import type { GatewayNetwork } from '../network/gateway-network.ts';
import type { ReachabilityLabel, SslLabel } from './status-labels.ts';

/** Evidence behind an SSL verdict: the error or rule that fired and the chain as seen. */
export interface SslEvidence {
  rule: VerdictRule | ProbeFailure;
  detail: string;
  error?: { code: string; message: string };
  warnings: string[];
  chain: ChainRow[];
  protocol?: string | null;
}

export interface GatewayStatus {
  gateway: PresenceGateway;
  reachability: ReachabilityLabel;
  ssl: SslLabel;
  evidence: SslEvidence;
  checkedAt: number;
}

export interface CheckContext {
  network: GatewayNetwork;
  clock: Clock;
  timeoutMs: number;
  trusted: X509Certificate[];
  policy?: AlgorithmPolicy;
}

/** DESIGN §3 rules 1 and 2: probe failures before any chain is judged. */
function labelForFailure(failure: ProbeFailure): SslLabel {
  return failure === 'not-resolved' || failure === 'handshake' ? 'Failed' : 'Failed - Network Error';
}

/** Run both tests of the Exchange Server Status area for one gateway. */
export async function checkGateway(gw: PresenceGateway, ctx: CheckContext): Promise<GatewayStatus> {
  const [reachable, probe] = await Promise.all([
    ctx.network.reachable(gw.host, gw.port, ctx.timeoutMs, ctx.clock),
    probeTls({ host: gw.host, port: gw.port, timeoutMs: ctx.timeoutMs, clock: ctx.clock, lookup: ctx.network.lookup }),
  ]);
  const reachability: ReachabilityLabel = reachable ? 'pingable' : 'unreachable';
  const checkedAt = ctx.clock.now();
  if (!probe.ok) {
    return {
      gateway: gw,
      reachability,
      ssl: labelForFailure(probe.failure),
      evidence: {
        rule: probe.failure,
        detail: probe.message,
        error: { code: probe.code, message: probe.message },
        warnings: [],
        chain: [],
      },
      checkedAt,
    };
  }
  const verdict = verifyChain({
    presented: probe.presented,
    trusted: ctx.trusted,
    host: gw.host,
    now: ctx.clock.now(),
    policy: ctx.policy,
  });
  return {
    gateway: gw,
    reachability,
    ssl: verdict.label,
    evidence: {
      rule: verdict.rule,
      detail: verdict.detail,
      warnings: verdict.warnings,
      chain: verdict.rows,
      protocol: probe.protocol,
    },
    checkedAt,
  };
}
