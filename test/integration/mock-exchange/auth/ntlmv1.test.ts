import { execFileSync } from 'node:child_process';
import ntlmClient from '@ewsjs/ntlm-client';
import { afterEach, describe, expect, it } from 'vitest';
import type { MockExchange } from '../../../../mock-exchange/mock-exchange.ts';
import type { OrgConfig } from '../../../../mock-exchange/org-config.ts';
import { getFolder } from '../../../support/ews-request-bodies.ts';
import { schemaTestsEnabled, validateAgainstSchema } from '../../../support/ews-schema.ts';
import { startMock } from '../../../support/mock-server.ts';
import { type NtlmReply, ntlmConnection } from '../../../support/ntlm-post.ts';
import { soapEnvelope } from '../../../support/soap-envelope.ts';
import { SVC, testOrgConfig } from '../../../support/test-org.ts';

const { createType1Message, decodeType2Message } = ntlmClient;
const schema = schemaTestsEnabled('NTLMv1');
const ALICE = 'alice@example.test';

function orgWith(ntlm: ('NTLMv1' | 'NTLMv2')[]): OrgConfig {
  const config = testOrgConfig();
  config.servers[0] = { ...config.servers[0]!, authentication: { methods: ['NTLM'], ntlm } };
  return config;
}

/** Run OpenSSL (legacy provider: MD4 and DES are outside Node 20's default set) on `input`. */
function openssl(args: string[], input: Buffer): Buffer {
  return execFileSync('openssl', [...args, '-provider', 'legacy', '-provider', 'default'], { input });
}

/** A 7-byte DESL key third spread over 8 bytes, parity bits low ([MS-NLMP] §6 DESL, as in every NTLM client). */
function desKey(k7: Buffer): Buffer {
  const out = Buffer.alloc(8);
  let bits = 0n;
  for (const b of k7) bits = (bits << 8n) | BigInt(b);
  for (let i = 0; i < 8; i++) out[i] = Number((bits >> BigInt(49 - 7 * i)) & 0x7fn) << 1;
  return out;
}

/**
 * The NTLMv1 response of [MS-NLMP] §3.3.1, computed outside the code under test: NT hash = MD4(UTF-16LE
 * password) and DESL(hash, challenge), both by OpenSSL. (@ewsjs/ntlm-client's NTLMv1 path needs DES from
 * Node's crypto, which Node 20 lacks.)
 */
function ntlmv1Response(password: string, challenge: Buffer): Buffer {
  const hash = openssl(['dgst', '-md4', '-binary'], Buffer.from(password, 'utf16le'));
  const key21 = Buffer.concat([hash, Buffer.alloc(5)]);
  return Buffer.concat(
    [0, 7, 14].map((i) =>
      openssl(['enc', '-des-ecb', '-nopad', '-K', desKey(key21.subarray(i, i + 7)).toString('hex')], challenge),
    ),
  );
}

/** An NTLM AUTHENTICATE message ([MS-NLMP] §2.2.1.3) with strings in the negotiated encoding. */
function authenticateMessage(nt: Buffer, user: string, flags: number, encoding: 'ascii' | 'ucs2'): string {
  const str = (v: string) => Buffer.from(v, encoding === 'ucs2' ? 'utf16le' : 'latin1');
  const fields = [Buffer.alloc(24), nt, str(''), str(user), str('WS01'), Buffer.alloc(0)];
  const head = Buffer.alloc(64);
  head.write('NTLMSSP\0', 0, 'latin1');
  head.writeUInt32LE(3, 8);
  let offset = 64;
  for (const [i, f] of fields.entries()) {
    head.writeUInt16LE(f.length, 12 + 8 * i);
    head.writeUInt16LE(f.length, 14 + 8 * i);
    head.writeUInt32LE(offset, 16 + 8 * i);
    offset += f.length;
  }
  head.writeUInt32LE(flags, 60);
  return `NTLM ${Buffer.concat([head, ...fields]).toString('base64')}`;
}

/** The handshake of a client that speaks only NTLMv1 (as IM&P 9.1's EWS client does). */
async function ntlmv1Post(mock: MockExchange, password: string): Promise<NtlmReply> {
  const conn = ntlmConnection(mock);
  try {
    const body = soapEnvelope(getFolder('calendar'), { impersonate: ALICE });
    const challenge = await conn.post(body, createType1Message('WS01', ''));
    expect(challenge.status).toBe(401);
    const type2 = decodeType2Message(String(challenge.headers['www-authenticate']));
    // No extended session security (that would be the NTLM2 session response instead).
    const flags = (type2.flags & ~0x80000) >>> 0;
    const nt = ntlmv1Response(password, type2.challenge);
    return await conn.post(body, authenticateMessage(nt, SVC.user, flags, type2.encoding));
  } finally {
    conn.close();
  }
}

describe('NTLMv1 responses verified against the account password', () => {
  let mock: MockExchange | undefined;
  afterEach(async () => {
    await mock?.stop();
    mock = undefined;
  });

  it('the test client computes [MS-NLMP] §4.2.2.2.1: password "Password", challenge 0123456789abcdef', () => {
    expect(ntlmv1Response('Password', Buffer.from('0123456789abcdef', 'hex')).toString('hex')).toBe(
      '67c43011f30298a2ad35ece64f16331c44bdbed927841f94',
    );
  });

  it('a server accepting NTLMv1 serves the request; a wrong password gets 401 naming NTLM', async () => {
    mock = await startMock(orgWith(['NTLMv1']));
    const ok = await ntlmv1Post(mock, SVC.password);
    expect(ok.status).toBe(200);
    expect(ok.body).toContain('<m:ResponseCode>NoError</m:ResponseCode>');
    if (schema) expect((await validateAgainstSchema([{ name: 'GetFolder', xml: ok.body }]))[0]?.errors).toEqual([]);
    const wrong = await ntlmv1Post(mock, 'not-the-password');
    expect(wrong.status).toBe(401);
    expect(wrong.headers['www-authenticate']).toBe('NTLM');
  });

  it('a server set to NTLMv2 only refuses the same NTLMv1 response', async () => {
    mock = await startMock(orgWith(['NTLMv2']));
    expect((await ntlmv1Post(mock, SVC.password)).status).toBe(401);
  });
});
