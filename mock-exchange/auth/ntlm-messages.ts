/**
 * The three NTLM messages as [MS-NLMP] §2.2.1 lays them out: NEGOTIATE (type 1) and AUTHENTICATE (type 3) read,
 * CHALLENGE (type 2) written. Reading checks every security buffer against the message's length.
 */
const SIGNATURE = Buffer.from('NTLMSSP\0', 'latin1');
/** An AUTHENTICATE message larger than this is refused (IIS caps the whole header at 16 KB). */
export const MAX_NTLM_MESSAGE = 8 * 1024;

export const FLAG = {
  UNICODE: 0x00000001,
  OEM: 0x00000002,
  REQUEST_TARGET: 0x00000004,
  NTLM: 0x00000200,
  ALWAYS_SIGN: 0x00008000,
  TARGET_TYPE_DOMAIN: 0x00010000,
  EXTENDED_SESSIONSECURITY: 0x00080000,
  TARGET_INFO: 0x00800000,
  NEGOTIATE_128: 0x20000000,
  NEGOTIATE_56: 0x80000000,
} as const;

export class NtlmMessageError extends Error {
  override name = 'NtlmMessageError';
}

/** The type of an NTLMSSP message (1, 2 or 3), after checking its signature. */
export function ntlmMessageType(msg: Buffer): number {
  if (msg.length < 12 || msg.length > MAX_NTLM_MESSAGE || !msg.subarray(0, 8).equals(SIGNATURE)) {
    throw new NtlmMessageError('not an NTLMSSP message');
  }
  return msg.readUInt32LE(8);
}

export interface NegotiateMessage {
  flags: number;
}

export function readNegotiate(msg: Buffer): NegotiateMessage {
  if (ntlmMessageType(msg) !== 1 || msg.length < 16) throw new NtlmMessageError('expected an NTLM NEGOTIATE message');
  return { flags: msg.readUInt32LE(12) };
}

export interface ChallengeOptions {
  serverChallenge: Buffer;
  /** NetBIOS domain name, upper case (the target name). */
  domain: string;
  computer: string;
  dnsDomain: string;
  dnsComputer: string;
  unicode: boolean;
  /** Offer extended session security: NTLMv2-era clients answer it with an NTLMv2 response. */
  extendedSessionSecurity: boolean;
}

/** A CHALLENGE message with the TargetInfo AV pairs a domain member server sends (§2.2.2.1). */
export function writeChallenge(o: ChallengeOptions): Buffer {
  const enc = (s: string) => Buffer.from(s, o.unicode ? 'utf16le' : 'latin1');
  const av = (id: number, value: Buffer) => {
    const head = Buffer.alloc(4);
    head.writeUInt16LE(id, 0);
    head.writeUInt16LE(value.length, 2);
    return Buffer.concat([head, value]);
  };
  const utf16 = (s: string) => Buffer.from(s, 'utf16le');
  const targetInfo = Buffer.concat([
    av(2, utf16(o.domain)),
    av(1, utf16(o.computer)),
    av(4, utf16(o.dnsDomain)),
    av(3, utf16(o.dnsComputer)),
    av(0, Buffer.alloc(0)),
  ]);
  const target = enc(o.domain);
  const flags =
    (o.unicode ? FLAG.UNICODE : FLAG.OEM) |
    FLAG.REQUEST_TARGET |
    FLAG.NTLM |
    FLAG.ALWAYS_SIGN |
    FLAG.TARGET_TYPE_DOMAIN |
    (o.extendedSessionSecurity ? FLAG.EXTENDED_SESSIONSECURITY : 0) |
    FLAG.TARGET_INFO |
    FLAG.NEGOTIATE_128 |
    FLAG.NEGOTIATE_56;
  const header = Buffer.alloc(48);
  SIGNATURE.copy(header, 0);
  header.writeUInt32LE(2, 8);
  header.writeUInt16LE(target.length, 12);
  header.writeUInt16LE(target.length, 14);
  header.writeUInt32LE(48, 16);
  header.writeUInt32LE(flags >>> 0, 20);
  o.serverChallenge.copy(header, 24);
  header.writeUInt16LE(targetInfo.length, 40);
  header.writeUInt16LE(targetInfo.length, 42);
  header.writeUInt32LE(48 + target.length, 44);
  return Buffer.concat([header, target, targetInfo]);
}

export interface AuthenticateMessage {
  lmResponse: Buffer;
  ntResponse: Buffer;
  domain: string;
  user: string;
  workstation: string;
  /** 0 when the message has no flags field (the oldest, 52-byte header). */
  flags: number;
}

/** Read an AUTHENTICATE message; strings in UTF-16LE unless `unicode` is false (OEM negotiated). */
export function readAuthenticate(msg: Buffer, unicode: boolean): AuthenticateMessage {
  if (ntlmMessageType(msg) !== 3 || msg.length < 52) {
    throw new NtlmMessageError('expected an NTLM AUTHENTICATE message');
  }
  const field = (at: number, name: string): Buffer => {
    const len = msg.readUInt16LE(at);
    const offset = msg.readUInt32LE(at + 4);
    if (len === 0) return Buffer.alloc(0);
    if (offset + len > msg.length) throw new NtlmMessageError(`the ${name} field runs past the message`);
    return msg.subarray(offset, offset + len);
  };
  const text = (b: Buffer) => b.toString(unicode ? 'utf16le' : 'latin1');
  const buffers = [12, 20, 28, 36, 44].map((at) => msg.readUInt32LE(at + 4)).filter((o) => o > 0);
  const hasFlags = Math.min(...buffers, msg.length) >= 64 && msg.length >= 64;
  return {
    lmResponse: field(12, 'LmChallengeResponse'),
    ntResponse: field(20, 'NtChallengeResponse'),
    domain: text(field(28, 'DomainName')),
    user: text(field(36, 'UserName')),
    workstation: text(field(44, 'Workstation')),
    flags: hasFlags ? msg.readUInt32LE(60) : 0,
  };
}
