import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { Journal } from '../../sim/journal.ts';
import { wireText } from '../../sim/wire-text.ts';
import { authenticate as basicAccount } from '../basic-authentication.ts';
import type { HttpReply } from '../http/reply.ts';
import type { Account, ExchangeServer, Organization } from '../organization.ts';
import { type AuthMethod, challengeHeaders } from './auth-settings.ts';
import { NtlmMessageError, ntlmMessageType, readAuthenticate, readNegotiate, writeChallenge } from './ntlm-messages.ts';
import { verifyNtlmResponse } from './ntlm-verify.ts';

/** NTLM binds to the TCP connection: the challenge waits on it, and the account stays on it once proven. */
interface ConnectionAuth {
  challenge?: { serverChallenge: Buffer; unicode: boolean; scheme: 'NTLM' | 'Negotiate' };
  account?: Account;
}

const connections = new WeakMap<Socket, ConnectionAuth>();

export type AuthOutcome =
  | { kind: 'account'; account: Account; method: AuthMethod | 'connection' }
  /** An NTLM NEGOTIATE: the caller answers 401 with this WWW-Authenticate value (sendChallenge). */
  | { kind: 'challenged'; challenge: string }
  | { kind: 'refused' };

/**
 * Authenticate one request as IIS does on /EWS with the server's enabled methods. A NEGOTIATE message gets
 * `challenged` for the caller's 401 carrying the challenge; every other failure is `refused` for its plain 401.
 */
export function authenticate(
  org: Organization,
  server: ExchangeServer,
  req: IncomingMessage,
  journal: Journal,
): AuthOutcome {
  const settings = server.authentication;
  const header = req.headers.authorization ?? '';
  const space = header.indexOf(' ');
  const scheme = (space === -1 ? header : header.slice(0, space)).toLowerCase();
  const token = space === -1 ? '' : header.slice(space + 1).trim();
  const conn = connections.get(req.socket) ?? {};
  if (header === '') {
    if (conn.account && settings.methods.some((m) => m !== 'Basic')) {
      return { kind: 'account', account: conn.account, method: 'connection' };
    }
    return { kind: 'refused' };
  }
  if (scheme === 'basic') {
    if (!settings.methods.includes('Basic')) return { kind: 'refused' };
    const account = basicAccount(org, header);
    return account ? { kind: 'account', account, method: 'Basic' } : { kind: 'refused' };
  }
  const method: AuthMethod | undefined = scheme === 'ntlm' ? 'NTLM' : scheme === 'negotiate' ? 'Negotiate' : undefined;
  if (!method || !settings.methods.includes(method)) return { kind: 'refused' };
  try {
    const msg = ntlmToken(token);
    const type = ntlmMessageType(msg);
    if (type === 1) {
      const negotiate = readNegotiate(msg);
      const unicode = (negotiate.flags & 0x1) !== 0;
      const serverChallenge = randomBytes(8);
      conn.challenge = { serverChallenge, unicode, scheme: method };
      conn.account = undefined;
      connections.set(req.socket, conn);
      const label = org.domain.split('.')[0]!.toUpperCase().slice(0, 15);
      const challenge = writeChallenge({
        serverChallenge,
        domain: label,
        computer: server.name.toUpperCase().slice(0, 15),
        dnsDomain: org.domain,
        dnsComputer: server.fqdn,
        unicode,
        extendedSessionSecurity: settings.ntlm.includes('NTLMv2'),
      });
      return { kind: 'challenged', challenge: `${method} ${challenge.toString('base64')}` };
    }
    const pending = conn.challenge;
    conn.challenge = undefined;
    if (type !== 3 || !pending || pending.scheme !== method) return { kind: 'refused' };
    const auth = readAuthenticate(msg, pending.unicode);
    const account = org.account(auth.domain && !auth.user.includes('@') ? `${auth.domain}\\${auth.user}` : auth.user);
    const kind = account && verifyNtlmResponse(auth, pending.serverChallenge, account.password, settings.ntlm);
    if (!account || !kind) {
      journal.record('info', `auth:${server.name}`, `${method} logon failed`, {
        user: wireText(auth.user, 64),
        response: auth.ntResponse.length > 24 ? 'NTLMv2' : 'NTLMv1',
      });
      return { kind: 'refused' };
    }
    conn.account = account;
    connections.set(req.socket, conn);
    return { kind: 'account', account, method };
  } catch (err) {
    if (err instanceof NtlmMessageError) return { kind: 'refused' };
    throw err;
  }
}

/** Negotiate may wrap the NTLMSSP message in SPNEGO; the NTLM mechanism token inside is what counts. */
function ntlmToken(token: string): Buffer {
  const raw = Buffer.from(token, 'base64');
  const at = raw.indexOf('NTLMSSP\0', 0, 'latin1');
  if (at === -1) throw new NtlmMessageError('no NTLMSSP message in the token');
  return raw.subarray(at);
}

const UNAUTHORIZED_HTML =
  '<html><body><h1>401 - Unauthorized: Access is denied due to invalid credentials.</h1></body></html>';

/** IIS's 401: one WWW-Authenticate per enabled method, no SOAP body. */
export function sendUnauthorized(res: HttpReply, server: ExchangeServer): void {
  res
    .status(401)
    .setHeader('WWW-Authenticate', challengeHeaders(server.authentication, server.fqdn))
    .type('html')
    .send(UNAUTHORIZED_HTML);
}

/** IIS's 401 carrying an NTLM CHALLENGE message. */
export function sendChallenge(res: HttpReply, challenge: string): void {
  res.status(401).setHeader('WWW-Authenticate', challenge).type('html').send(UNAUTHORIZED_HTML);
}
