import { describe, expect, it } from 'vitest';
import type { AuthenticateMessage } from '../../../../mock-exchange/auth/ntlm-messages.ts';
import { ntowfv1, ntowfv2, verifyNtlmResponse } from '../../../../mock-exchange/auth/ntlm-verify.ts';

// [MS-NLMP] §4.2.1 common values: User "User", domain "Domain", password "Password",
// server challenge 0123456789abcdef, client challenge aaaaaaaaaaaaaaaa, time 0.
const hex = (s: string) => Buffer.from(s.replace(/\s/g, ''), 'hex');
const serverChallenge = hex('0123456789abcdef');
const message = (lm: Buffer, nt: Buffer): AuthenticateMessage => ({
  lmResponse: lm,
  ntResponse: nt,
  domain: 'Domain',
  user: 'User',
  workstation: 'COMPUTER',
  flags: 0,
});
const both = ['NTLMv1', 'NTLMv2'] as const;

describe('NTLM arithmetic against the [MS-NLMP] §4.2 test vectors', () => {
  it('NTOWFv1 (§4.2.2.1.2) and NTOWFv2 (§4.2.4.1.1)', () => {
    expect(ntowfv1('Password').toString('hex')).toBe('a4f49c406510bdcab6824ee7c30fd852');
    expect(ntowfv2('Password', 'User', 'Domain').toString('hex')).toBe('0c868a403bfd7a93a3001ef22ef02e3f');
  });

  it('an NTLMv1 response (§4.2.2.2.1) proves the password; another password fails', () => {
    const nt = hex('67c43011f30298a2ad35ece64f16331c44bdbed927841f94');
    expect(verifyNtlmResponse(message(Buffer.alloc(24), nt), serverChallenge, 'Password', both)).toBe('NTLMv1');
    expect(verifyNtlmResponse(message(Buffer.alloc(24), nt), serverChallenge, 'password', both)).toBeUndefined();
  });

  it('NTLMv1 with extended session security (§4.2.3.2.2)', () => {
    const lm = Buffer.concat([hex('aaaaaaaaaaaaaaaa'), Buffer.alloc(16)]);
    const nt = hex('7537f803ae367128ca458204bde7caf81e97ed2683267232');
    expect(verifyNtlmResponse(message(lm, nt), serverChallenge, 'Password', both)).toBe('NTLMv1');
  });

  it('an NTLMv2 response (§4.2.4.2.2 NTProofStr) proves the password; refused when only NTLMv1 is enabled', () => {
    const avPairs = hex('02000c0044006f006d00610069006e0001000c005300650072007600650072000000 0000');
    const blob = Buffer.concat([
      hex('0101000000000000'),
      Buffer.alloc(8),
      hex('aaaaaaaaaaaaaaaa'),
      Buffer.alloc(4),
      avPairs,
      Buffer.alloc(4),
    ]);
    const nt = Buffer.concat([hex('68cd0ab851e51c96aabc927bebef6a1c'), blob]);
    expect(verifyNtlmResponse(message(Buffer.alloc(24), nt), serverChallenge, 'Password', both)).toBe('NTLMv2');
    expect(verifyNtlmResponse(message(Buffer.alloc(24), nt), serverChallenge, 'Passw0rd', both)).toBeUndefined();
    expect(verifyNtlmResponse(message(Buffer.alloc(24), nt), serverChallenge, 'Password', ['NTLMv1'])).toBeUndefined();
  });

  it('an NTLMv1 response is refused when only NTLMv2 is enabled', () => {
    const nt = hex('67c43011f30298a2ad35ece64f16331c44bdbed927841f94');
    expect(verifyNtlmResponse(message(Buffer.alloc(24), nt), serverChallenge, 'Password', ['NTLMv2'])).toBeUndefined();
  });
});
