import { Agent, request } from 'node:https';
import ntlmClient from '@ewsjs/ntlm-client';

const { createType1Message, createType3Message, decodeType2Message } = ntlmClient;

import type { MockExchange } from '../../mock-exchange/mock-exchange.ts';

export interface NtlmReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** Local port of the connection that carried the request (the handshake must stay on one). */
  localPort: number | undefined;
}

/** One keep-alive connection to a mock server, so an NTLM handshake stays on the socket it binds to. */
export function ntlmConnection(mock: MockExchange, server = 'ex1') {
  const url = new URL(mock.ewsUrl(server));
  const agent = new Agent({
    ca: mock.pki.trustBundlePem,
    keepAlive: true,
    maxSockets: 1,
    lookup: mock.hosts.lookup as never,
  });
  const post = (body: string, authorization: string | undefined): Promise<NtlmReply> =>
    new Promise((resolve, reject) => {
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          agent,
          headers: {
            'Content-Type': 'text/xml; charset=utf-8',
            'Content-Length': Buffer.byteLength(body),
            ...(authorization ? { Authorization: authorization } : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: Buffer.concat(chunks).toString('utf8'),
              localPort: res.socket?.localPort,
            }),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  return { post, close: () => agent.destroy() };
}

/**
 * The whole NTLM handshake as an independent client (@ewsjs/ntlm-client) does it: NEGOTIATE, read the CHALLENGE
 * from WWW-Authenticate, AUTHENTICATE with the request. `scheme` Negotiate carries the same messages.
 */
export async function ntlmPost(
  mock: MockExchange,
  body: string,
  creds: { user: string; password: string; domain?: string },
  opts: { server?: string; scheme?: 'NTLM' | 'Negotiate' } = {},
): Promise<{ challenge: NtlmReply; reply: NtlmReply }> {
  const conn = ntlmConnection(mock, opts.server);
  const scheme = opts.scheme ?? 'NTLM';
  try {
    const type1 = createType1Message('WS01', creds.domain ?? '').replace(/^NTLM /, `${scheme} `);
    const challenge = await conn.post(body, type1);
    const header = String(challenge.headers['www-authenticate'] ?? '');
    const type2 = decodeType2Message(header.replace(/^Negotiate /, 'NTLM '));
    const type3 = createType3Message(type2, creds.user, creds.password, 'WS01', creds.domain).replace(
      /^NTLM /,
      `${scheme} `,
    );
    const reply = await conn.post(body, type3);
    return { challenge, reply };
  } finally {
    conn.close();
  }
}
