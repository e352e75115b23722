import { checkPrimeSync, createHash, createPrivateKey, type KeyObject } from 'node:crypto';

/**
 * RSA keys derived from a seed: the same seed and label give the same key on every machine, another seed
 * another key. Each prime is searched upwards from SHA-256 output and tested by OpenSSL (checkPrimeSync):
 * about 0.1 s per 2048-bit key, where node-forge's pure-JS generator with a seeded PRNG takes 1.4-4.7 s.
 */
const E = 65_537n;
/** Odd primes below 1,000: a candidate divisible by one is skipped before OpenSSL's costlier test. */
const SMALL_PRIMES: readonly bigint[] = (() => {
  const out: bigint[] = [];
  for (let n = 3; n < 1000; n += 2) if (out.every((p) => n % Number(p) !== 0)) out.push(BigInt(n));
  return out;
})();
/** Candidates tried from one starting point before drawing a new one (prime gaps near 2^1024 are far shorter). */
const SEARCH_SPAN = 10_000;

/** A deterministic byte stream: SHA-256 over the seed, the label and a block counter. */
function byteStream(seed: string, label: string): (length: number) => Buffer {
  let block = 0;
  return (length) => {
    const parts: Buffer[] = [];
    for (let got = 0; got < length; got += 32) {
      parts.push(createHash('sha256').update(`pgsim-rsa\0${seed}\0${label}\0${block++}`).digest());
    }
    return Buffer.concat(parts).subarray(0, length);
  };
}

/** A prime of exactly `bits` bits with its top two bits set (so p*q has exactly twice as many) and p-1 coprime to e. */
function prime(next: (length: number) => Buffer, bits: number): bigint {
  for (;;) {
    const start = next(bits / 8);
    start[0] = (start[0] ?? 0) | 0xc0;
    start[start.length - 1] = (start[start.length - 1] ?? 0) | 1;
    let p = BigInt(`0x${start.toString('hex')}`);
    for (let i = 0; i < SEARCH_SPAN; i++, p += 2n) {
      if (SMALL_PRIMES.some((s) => p % s === 0n) || (p - 1n) % E === 0n) continue;
      if (checkPrimeSync(p)) return p;
    }
  }
}

function modInverse(a: bigint, m: bigint): bigint {
  let [r0, r1, s0, s1] = [a % m, m, 1n, 0n];
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1] = [r1, r0 - q * r1];
    [s0, s1] = [s1, s0 - q * s1];
  }
  return ((s0 % m) + m) % m;
}

const b64url = (x: bigint) => {
  const hex = x.toString(16);
  return Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex').toString('base64url');
};

const derived = new Map<string, KeyObject>();

/** The RSA private key of `bits` (a multiple of 16, at least 512) for a seed and a label, memoized per process. */
export function seededRsaKey(seed: string, label: string, bits = 2048): KeyObject {
  if (!Number.isInteger(bits) || bits < 512 || bits % 16 !== 0)
    throw new RangeError(`RSA key size must be a multiple of 16 from 512 bits, got ${bits}`);
  const id = `${bits}\0${seed}\0${label}`;
  const cached = derived.get(id);
  if (cached) return cached;
  const next = byteStream(seed, `${label}\0${bits}`);
  const p = prime(next, bits / 2);
  let q = prime(next, bits / 2);
  while (q === p) q = prime(next, bits / 2);
  const d = modInverse(E, (p - 1n) * (q - 1n));
  const key = createPrivateKey({
    format: 'jwk',
    key: {
      kty: 'RSA',
      n: b64url(p * q),
      e: b64url(E),
      d: b64url(d),
      p: b64url(p),
      q: b64url(q),
      dp: b64url(d % (p - 1n)),
      dq: b64url(d % (q - 1n)),
      qi: b64url(modInverse(q, p)),
    },
  });
  derived.set(id, key);
  return key;
}
