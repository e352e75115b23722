import type { X509Certificate } from 'node:crypto';
import type { PresenceGateway } from '../config/gateway-store.ts';
import type { CheckContext } from '../status/gateway-check.ts';
import type { SslLabel } from '../status/status-labels.ts';
import { type ChainRow, verifyChain } from './chain-verifier.ts';
import { probeTls } from './tls-probe.ts';
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
  const probe = await probeTls({
    host: gw.host,
    port: gw.port,
    timeoutMs: ctx.timeoutMs,
    clock: ctx.clock,
    lookup: ctx.network.lookup,
  });
  if (!probe.ok) {
    return {
      gateway: gw,
      ssl: 'Failed',
      detail: probe.message,
      rows: [],
      acceptable: [],
      error: { code: probe.code, message: probe.message },
    };
  }
  const verdict = verifyChain({
    presented: probe.presented,
    trusted: ctx.trusted,
    host: gw.host,
    now: ctx.clock.now(),
    policy: ctx.policy,
  });
  const trusted = new Set(ctx.trusted.map((t) => t.fingerprint256));
  return {
    gateway: gw,
    ssl: verdict.label,
    detail: verdict.detail,
    rows: verdict.rows,
    acceptable: probe.presented.filter((c) => !trusted.has(c.fingerprint256)),
  };
}

/**
 * "Accept Certificate Chain" + Save: import the presented certificates that are not yet trusted into
 * cup-trust. Missing certificates cannot come from here: Exchange never sent them.
 */
export function acceptCertificateChain(store: TrustStore, viewed: ViewerResult): TrustedCertificate[] {
  return store.importAccepted('cup-trust', viewed.acceptable, `accepted-from-${viewed.gateway.host}.pem`);
}
