import type { X509Certificate } from 'node:crypto';
import type { PresenceGateway } from '../config/gateway-store.ts';
import { sslLabel } from '../status/ssl-label-table.ts';
import type { SslLabel } from '../status/status-labels.ts';
import type { ChainRow } from './chain-rows.ts';
import { type CheckContext, probeAndVerify } from './probe-and-verify.ts';
import type { TrustedCertificate, TrustStore } from './trust-store.ts';

export interface ViewerResult {
  gateway: PresenceGateway;
  ssl: SslLabel;
  detail: string;
  rows: ChainRow[];
  /** Presented certificates not in cup-trust yet: what "Accept Certificate Chain" would import. */
  acceptable: X509Certificate[];
  error?: { code: string; message: string };
}

/** Configure/View: the chain Exchange presents for a gateway, row by row, judged against cup-trust now. */
export async function viewCertificateChain(gw: PresenceGateway, ctx: CheckContext): Promise<ViewerResult> {
  const check = await probeAndVerify(gw, ctx);
  const trusted = new Set(ctx.trusted.map((t) => t.fingerprint256));
  return {
    gateway: gw,
    ssl: sslLabel(check.outcome),
    detail: check.detail,
    rows: check.rows,
    acceptable: check.presented.filter((c) => !trusted.has(c.fingerprint256)),
    ...(check.error ? { error: check.error } : {}),
  };
}

/**
 * "Accept Certificate Chain" + Save: import the presented certificates that are not yet trusted into
 * cup-trust. Missing certificates cannot come from here: Exchange never sent them.
 */
export function acceptCertificateChain(store: TrustStore, viewed: ViewerResult): TrustedCertificate[] {
  return store.importAccepted('cup-trust', viewed.acceptable, `accepted-from-${viewed.gateway.host}.pem`);
}
