import { createCipheriv, createHash, createHmac, timingSafeEqual } from 'node:crypto';
import md4 from 'js-md4';
import type { NtlmResponse } from './auth-settings.ts';
import type { AuthenticateMessage } from './ntlm-messages.ts';

/** NTOWFv1 = MD4(UNICODE(password)) ([MS-NLMP] §3.3.1); Node 20's OpenSSL 3 has no MD4, hence js-md4. */
export function ntowfv1(password: string): Buffer {
  return Buffer.from(md4.arrayBuffer(Buffer.from(password, 'utf16le')));
}

/** NTOWFv2 = HMAC_MD5(NTOWFv1, UNICODE(Uppercase(user) + domain)) (§3.3.2). */
export function ntowfv2(password: string, user: string, domain: string): Buffer {
  return createHmac('md5', ntowfv1(password))
    .update(Buffer.from(user.toUpperCase() + domain, 'utf16le'))
    .digest();
}

/** DES of one block under a 7-byte key; OpenSSL 3 keeps single DES in its legacy provider, 3DES with K1=K2=K3 is the same. */
function des(key7: Buffer, block: Buffer): Buffer {
  const k = Buffer.alloc(8);
  for (let i = 0; i < 8; i++) {
    // Spread 56 key bits over 8 bytes, 7 bits each; the parity bit is ignored by DES.
    const bit = i * 7;
    const word = ((key7[bit >> 3] ?? 0) << 8) | (key7[(bit >> 3) + 1] ?? 0);
    k[i] = ((word >> (9 - (bit & 7))) & 0x7f) << 1;
  }
  const cipher = createCipheriv('des-ede3-ecb', Buffer.concat([k, k, k]), null).setAutoPadding(false);
  return Buffer.concat([cipher.update(block), cipher.final()]);
}

/** DESL(K, D) (§6): the 16-byte hash padded to 21 bytes, three DES keys, 24 bytes out. */
export function desl(hash16: Buffer, challenge: Buffer): Buffer {
  const k = Buffer.concat([hash16, Buffer.alloc(5)]);
  return Buffer.concat([
    des(k.subarray(0, 7), challenge),
    des(k.subarray(7, 14), challenge),
    des(k.subarray(14, 21), challenge),
  ]);
}

/**
 * Which response the AUTHENTICATE message carries, when it proves the password: an NTLMv2 response
 * (NTProofStr over the server challenge and the client's blob), an NTLMv1 response (DESL of the challenge),
 * or NTLMv1 with extended session security (DESL of MD5(server challenge + client challenge)).
 * Undefined when the proof fails or the kind is not accepted.
 */
export function verifyNtlmResponse(
  msg: AuthenticateMessage,
  serverChallenge: Buffer,
  password: string,
  accepted: readonly NtlmResponse[],
): NtlmResponse | undefined {
  const nt = msg.ntResponse;
  if (nt.length > 24) {
    if (!accepted.includes('NTLMv2')) return undefined;
    const proof = nt.subarray(0, 16);
    const blob = nt.subarray(16);
    const expected = createHmac('md5', ntowfv2(password, msg.user, msg.domain))
      .update(Buffer.concat([serverChallenge, blob]))
      .digest();
    return timingSafeEqual(proof, expected) ? 'NTLMv2' : undefined;
  }
  if (nt.length !== 24 || !accepted.includes('NTLMv1')) return undefined;
  const hash = ntowfv1(password);
  if (timingSafeEqual(nt, desl(hash, serverChallenge))) return 'NTLMv1';
  // Extended session security: LmChallengeResponse = client challenge followed by 16 zero bytes.
  const lm = msg.lmResponse;
  if (lm.length === 24 && lm.subarray(8).equals(Buffer.alloc(16))) {
    const sessionChallenge = createHash('md5')
      .update(Buffer.concat([serverChallenge, lm.subarray(0, 8)]))
      .digest()
      .subarray(0, 8);
    if (timingSafeEqual(nt, desl(hash, sessionChallenge))) return 'NTLMv1';
  }
  return undefined;
}
