import { checkPrimeSync, createHash, createPrivateKey, type KeyObject } from 'node:crypto';

/**
 * RSA keys derived from a seed: the same seed and label give the same key on every machine, another seed
 * another key. Each prime is searched upwards from SHA-256 output and tested by OpenSSL (checkPrimeSync):
 * 50-100 ms per 2048-bit key, where node-forge's pure-JS generator with a seeded PRNG takes 1.4-4.7 s.
 */
const E = 65_537n;
/**
 * Odd primes below 2^14: candidates divisible by one are struck out of a search span by a sieve before OpenSSL's
 * costlier test. A composite costs OpenSSL about 0.3 ms and a prime about 15; sieving with primes to 2^14 instead of
 * 1,000 leaves 12 % of the odd candidates instead of 16 %.
 */
const SIEVE_PRIMES: readonly number[] = (() => {
  const limit = 1 << 14;
  const composite = new Uint8Array(limit);
  const out: number[] = [];
  for (let n = 3; n < limit; n += 2) {
    if (composite[n]) continue;
    out.push(n);
    for (let m = n * n; m < limit; m += 2 * n) composite[m] = 1;
  }
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

/**
 * A prime of exactly `bits` bits with its top two bits set (so p*q has exactly twice as many) and p-1 coprime to e:
 * the first such candidate upwards from the stream's next start, in steps of two. The sieve only skips candidates that
 * are composite or have p-1 divisible by e, so which prime is found does not depend on it.
 */
function prime(next: (length: number) => Buffer, bits: number): bigint {
  for (;;) {
    const start = next(bits / 8);
    start[0] = (start[0] ?? 0) | 0xc0;
    start[start.length - 1] = (start[start.length - 1] ?? 0) | 1;
    const first = BigInt(`0x${start.toString('hex')}`);
    // struck[i]: first + 2i has a small prime factor, or first + 2i - 1 is a multiple of e.
    const struck = new Uint8Array(SEARCH_SPAN);
    const strike = (modulus: number, residue: number) => {
      // first + 2i ≡ residue (mod modulus), for odd modulus: i ≡ (residue - first) * 2^-1.
      const r = Number(first % BigInt(modulus));
      const half = (modulus + 1) / 2;
      let i = (((residue - r + modulus) % modulus) * half) % modulus;
      for (; i < SEARCH_SPAN; i += modulus) struck[i] = 1;
    };
    for (const s of SIEVE_PRIMES) strike(s, 0);
    strike(Number(E), 1);
    for (let i = 0; i < SEARCH_SPAN; i++) {
      if (struck[i]) continue;
      const p = first + 2n * BigInt(i);
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
