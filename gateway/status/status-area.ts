import type { Journal } from '../../sim/journal.ts';
import type { PresenceGateway } from '../config/gateway-store.ts';
import { type CheckContext, checkGateway, type GatewayStatus } from './gateway-check.ts';

/** IM&P checks only the first ten gateways, in configured order. */
export const STATUS_AREA_LIMIT = 10;

export interface StatusAreaResult {
  rows: GatewayStatus[];
  /** Gateways configured beyond the first ten, which were not checked. */
  notChecked: number;
  restartRequired: boolean;
}

/** A page that refreshes after every change logs a row only when its verdict changed. */
function sameVerdict(was: GatewayStatus | undefined, now: GatewayStatus): boolean {
  return (
    was !== undefined &&
    was.reachability === now.reachability &&
    was.ssl === now.ssl &&
    was.evidence.detail === now.evidence.detail
  );
}

/** Refresh the Exchange Server Status area: the first ten gateways, concurrently, each bounded by Exchange Timeout. */
export async function refreshStatusArea(
  gateways: PresenceGateway[],
  ctx: CheckContext & { journal?: Journal; restartRequired?: boolean; previous?: readonly GatewayStatus[] },
): Promise<StatusAreaResult> {
  const ordered = [...gateways].sort((a, b) => a.order - b.order);
  const checked = ordered.slice(0, STATUS_AREA_LIMIT);
  const rows = await Promise.all(checked.map((gw) => checkGateway(gw, ctx)));
  const before = new Map(ctx.previous?.map((r) => [r.gateway.id, r]));
  for (const r of rows) {
    if (sameVerdict(before.get(r.gateway.id), r)) continue;
    ctx.journal?.record(
      r.ssl === 'Verified' && r.reachability === 'pingable' ? 'info' : 'warn',
      'status-area',
      `${r.gateway.host}:${r.gateway.port} ${r.reachability}, ${r.ssl}: ${r.evidence.detail}`,
      {
        gateway: r.gateway.id,
        reachability: r.reachability,
        ssl: r.ssl,
        rule: r.evidence.rule,
        error: r.evidence.error,
        warnings: r.evidence.warnings,
        chain: r.evidence.chain.map((c) => ({
          subject: c.subjectCN,
          issuer: c.issuerCN,
          status: c.status,
          fingerprint: c.fingerprint,
        })),
      },
    );
  }
  return {
    rows,
    notChecked: Math.max(0, ordered.length - STATUS_AREA_LIMIT),
    restartRequired: ctx.restartRequired ?? false,
  };
}
