import { X509Certificate } from 'node:crypto';
import { connect, type DetailedPeerCertificate, type SecureVersion } from 'node:tls';
import type { Clock } from '../../sim/clock.ts';
import { inFlight } from '../../sim/in-flight.ts';
import type { LookupFunction } from '../network/gateway-network.ts';

/** Why a handshake did not complete, as a closed union filled in one place. */
export type ProbeFailure = 'timeout' | 'refused' | 'reset' | 'unreachable' | 'not-resolved' | 'handshake';

export type ProbeResult =
  | { ok: true; presented: X509Certificate[]; protocol: string | null; cipher: string }
  | { ok: false; failure: ProbeFailure; code: string; message: string };

export interface ProbeOptions {
  host: string;
  port: number;
  timeoutMs: number;
  clock: Clock;
  lookup?: LookupFunction;
  /** TLS versions offered (Node's defaults when absent). */
  minVersion?: SecureVersion;
  maxVersion?: SecureVersion;
  /** OpenSSL cipher string (Node's default when absent). */
  ciphers?: string;
}

const NETWORK_CODES: Record<string, ProbeFailure> = {
  ECONNREFUSED: 'refused',
  ECONNRESET: 'reset',
  EPIPE: 'reset',
  ECONNABORTED: 'reset',
  EHOSTUNREACH: 'unreachable',
  ENETUNREACH: 'unreachable',
  ETIMEDOUT: 'timeout',
  ENOTFOUND: 'not-resolved',
  EAI_AGAIN: 'not-resolved',
};

export function failureFromError(err: NodeJS.ErrnoException): ProbeFailure {
  return NETWORK_CODES[err.code ?? ''] ?? 'handshake';
}

/** The certificates the server presented, leaf first, following the issuer links Node reports. */
function presentedChain(peer: DetailedPeerCertificate): X509Certificate[] {
  const out: X509Certificate[] = [];
  const seen = new Set<string>();
  let node: DetailedPeerCertificate | undefined = peer;
  while (node?.raw && !seen.has(node.fingerprint256)) {
    seen.add(node.fingerprint256);
    out.push(new X509Certificate(node.raw));
    node = node.issuerCertificate;
  }
  return out;
}

/**
 * One TLS handshake with verification off (the gateway judges the chain itself), servername = the
 * Presence Gateway value, and one deadline for connect + handshake on the given clock.
 */
export function probeTls(opts: ProbeOptions): Promise<ProbeResult> {
  return new Promise((resolve) => {
    let settled = false;
    const over = inFlight(opts.clock).begin(`TLS probe of ${opts.host}:${opts.port}`);
    const socket = connect({
      host: opts.host,
      port: opts.port,
      servername: /^[\d.]+$/.test(opts.host) || opts.host.includes(':') ? undefined : opts.host,
      rejectUnauthorized: false,
      lookup: opts.lookup as never,
      minVersion: opts.minVersion,
      maxVersion: opts.maxVersion,
      ciphers: opts.ciphers,
    });
    const finish = (result: ProbeResult) => {
      if (settled) return;
      settled = true;
      opts.clock.clearTimeout(timer);
      socket.destroy();
      over();
      resolve(result);
    };
    const timer = opts.clock.setTimeout(
      () =>
        finish({
          ok: false,
          failure: 'timeout',
          code: 'ETIMEDOUT',
          message: `no TLS handshake with ${opts.host}:${opts.port} within ${opts.timeoutMs} ms`,
        }),
      opts.timeoutMs,
    );
    socket.once('secureConnect', () => {
      try {
        const presented = presentedChain(socket.getPeerCertificate(true));
        finish({ ok: true, presented, protocol: socket.getProtocol(), cipher: socket.getCipher().name });
      } catch (err) {
        finish({
          ok: false,
          failure: 'handshake',
          code: 'ERR_BAD_CERTIFICATE',
          message: `unreadable certificate: ${(err as Error).message}`,
        });
      }
    });
    socket.once('error', (err: NodeJS.ErrnoException) => {
      finish({ ok: false, failure: failureFromError(err), code: err.code ?? 'UNKNOWN', message: err.message });
    });
    socket.once('close', () =>
      finish({
        ok: false,
        failure: 'reset',
        code: 'ECONNRESET',
        message: 'connection closed before the TLS handshake completed',
      }),
    );
  });
}
