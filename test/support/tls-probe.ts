import { spawn, spawnSync } from 'node:child_process';
import { connect, type TLSSocket } from 'node:tls';

export type TlsOutcome = { ok: true; socket: TLSSocket } | { ok: false; code: string; message: string };

/** A Node TLS client as the gateway's prober makes it: servername = the FQDN, trusting only `ca`. */
export function tlsConnect(ip: string, port: number, servername: string, ca: string[]): Promise<TlsOutcome> {
  return new Promise((resolve) => {
    const socket = connect({ host: ip, port, servername, ca }, () => resolve({ ok: true, socket }));
    socket.once('error', (err: NodeJS.ErrnoException) =>
      resolve({ ok: false, code: err.code ?? 'NONE', message: err.message }),
    );
  });
}

/** Connect, note the outcome, and close. */
export async function tlsOutcome(ip: string, port: number, servername: string, ca: string[]) {
  const outcome = await tlsConnect(ip, port, servername, ca);
  if (outcome.ok) {
    outcome.socket.destroy();
    return { ok: true as const };
  }
  return outcome;
}

export const HAVE_OPENSSL = spawnSync('which', ['openssl']).status === 0;

export interface SClientResult {
  exit: number | null;
  /** The first verify error code s_client printed, else its final "Verify return code". */
  verifyCode: number | undefined;
  output: string;
}

/**
 * `openssl s_client -verify_return_error -verify_hostname FQDN -CAfile ca.pem`, wrapped in `timeout`
 * because s_client has no deadline of its own. Asynchronous: the server under test runs in this process.
 */
export function sClient(ip: string, port: number, fqdn: string, caFile: string): Promise<SClientResult> {
  const args = ['10', 'openssl', 's_client', '-connect', `${ip}:${port}`, '-servername', fqdn];
  args.push('-verify_return_error', '-verify_hostname', fqdn, '-CAfile', caFile);
  return new Promise((resolve, reject) => {
    const child = spawn('timeout', args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => {
      output += d;
    });
    child.stderr.on('data', (d) => {
      output += d;
    });
    child.on('error', reject);
    child.stdin.end();
    child.on('close', (exit) => {
      const first = /verify error:num=(\d+)/.exec(output)?.[1] ?? /Verify return code: (\d+)/.exec(output)?.[1];
      resolve({ exit, verifyCode: first === undefined ? undefined : Number(first), output });
    });
  });
}
