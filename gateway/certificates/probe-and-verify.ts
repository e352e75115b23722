import type { X509Certificate } from 'node:crypto';
import type { Clock } from '../../sim/clock.ts';
import type { GatewayNetwork } from '../network/gateway-network.ts';
import { type CertificatePolicy, DEFAULT_CERTIFICATE_POLICY } from './certificate-policy.ts';
import type { ChainRow } from './chain-rows.ts';
import { verifyChain } from './chain-verifier.ts';
import { probeTls } from './tls-probe.ts';
import type { SslOutcome } from './verification-outcome.ts';

const LEGACY_TLS = new Set(['TLSv1', 'TLSv1.1']);

/** The TLS client options a policy implies; an old Java still speaks TLS 1.0/1.1 (OpenSSL 3: security level 0). */
export function tlsVersionOptions(policy: CertificatePolicy | undefined) {
  if (!policy) return {};
  const { min, max } = policy.tlsVersions;
  return { minVersion: min, maxVersion: max, ...(LEGACY_TLS.has(min) ? { ciphers: 'DEFAULT@SECLEVEL=0' } : {}) };
}

/** What the status area and the viewer need to judge a gateway's TLS: network, clock, deadline, cup-trust now. */
export interface CheckContext {
  network: GatewayNetwork;
  clock: Clock;
  timeoutMs: number;
  trusted: X509Certificate[];
  policy?: CertificatePolicy;
  /** Roots bundled with the node's JDK (cacerts), for the SHA-1 rule; none by default. */
  jdkRoots?: readonly X509Certificate[];
}

/** One TLS test of a gateway: the outcome and its evidence (the error, the chain as seen, the warnings). */
export interface SslCheck {
  outcome: SslOutcome;
  detail: string;
  error?: { code: string; message: string };
  warnings: string[];
  rows: ChainRow[];
  /** Certificates as presented, leaf first (empty when the handshake failed). */
  presented: X509Certificate[];
  protocol?: string | null;
}

/**
 * DESIGN §3: one handshake with verification off under the policy's TLS versions, then the node's own
 * chain verification; the one function behind both the status area and the Certificate Viewer.
 */
export async function probeAndVerify(target: { host: string; port: number }, ctx: CheckContext): Promise<SslCheck> {
  const policy = ctx.policy ?? DEFAULT_CERTIFICATE_POLICY;
  const probe = await probeTls({
    host: target.host,
    port: target.port,
    timeoutMs: ctx.timeoutMs,
    clock: ctx.clock,
    lookup: ctx.network.lookup,
    minVersion: policy.tlsVersions.min,
    maxVersion: policy.tlsVersions.max,
    // An old Java still speaks TLS 1.0/1.1, which OpenSSL 3 allows only at security level 0.
    ciphers: LEGACY_TLS.has(policy.tlsVersions.min) ? 'DEFAULT@SECLEVEL=0' : undefined,
  });
  if (!probe.ok) {
    return {
      outcome: probe.failure,
      detail: probe.message,
      error: { code: probe.code, message: probe.message },
      warnings: [],
      rows: [],
      presented: [],
    };
  }
  const verdict = verifyChain({
    presented: probe.presented,
    trusted: ctx.trusted,
    host: target.host,
    now: ctx.clock.now(),
    policy,
    jdkRoots: ctx.jdkRoots,
  });
  return { ...verdict, presented: probe.presented, protocol: probe.protocol };
}
