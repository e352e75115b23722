import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

/** How a password hash starts in the database: scrypt$N$r$p$salt$hash (base64). */
export const HASH_PREFIX = 'scrypt$';

const KEY_LENGTH = 32;
const DEFAULT_COST = 16_384;

/** scrypt's N: 2^14 (Node's default), or PGSIM_SCRYPT_COST (a power of two, 1024 and up) for large test rigs. */
export function scryptCost(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.PGSIM_SCRYPT_COST;
  if (raw === undefined || raw === '') return DEFAULT_COST;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1024 || (n & (n - 1)) !== 0)
    throw new Error(`PGSIM_SCRYPT_COST must be a power of two >= 1024, got "${raw.slice(0, 20)}"`);
  return n;
}

/**
 * scrypt's N for a fixture password that every copy of pgsim knows (the lab's and the scenarios' users all sign in
 * with one documented password): a costly hash protects a secret, and that is none, while at the default cost each
 * scenario's users and every login of a watching client spent about 33 ms in scrypt (1.6 ms at this cost).
 */
export const FIXTURE_PASSWORD_COST = 1024;

/** End-user and directory passwords only need verifying: they are kept as salted scrypt hashes. */
export function hashPassword(password: string, cost = scryptCost()): string {
  const salt = randomBytes(16);
  const hash = scryptSync(password, salt, KEY_LENGTH, { N: cost, r: 8, p: 1, maxmem: 256 * cost * 8 });
  return `${HASH_PREFIX}${cost}$8$1$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export function isPasswordHash(stored: string): boolean {
  return stored.startsWith(HASH_PREFIX);
}

/** True when `password` is the one `stored` was made from; false for an empty or malformed hash. */
export function verifyPassword(password: string, stored: string): boolean {
  if (!isPasswordHash(stored)) return false;
  const [n, r, p, salt, hash] = stored.slice(HASH_PREFIX.length).split('$');
  const N = Number(n);
  const R = Number(r);
  const P = Number(p);
  if (!salt || !hash || !Number.isInteger(N) || N < 2 || N > 1 << 20 || R !== 8 || P !== 1) return false;
  const expected = Buffer.from(hash, 'base64');
  if (expected.length !== KEY_LENGTH) return false;
  const got = scryptSync(password, Buffer.from(salt, 'base64'), KEY_LENGTH, { N, r: R, p: P, maxmem: 256 * N * R });
  return timingSafeEqual(got, expected);
}
