import { createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * RSA keys are slow to generate, so a fixed pool is made once per machine and cached outside the
 * repository. Certificates are built fresh per run from these keys, so nothing can expire.
 */
export const KEY_POOL_VERSION = 1;

export const POOL_KEYS = {
  root: 2048,
  issuing: 2048,
  impostor: 2048,
  'other-root': 2048,
  'leaf-a': 2048,
  'leaf-b': 2048,
  'leaf-c': 2048,
  'rsa-1024': 1024,
  'rsa-512': 512,
} as const;

export type PoolKeyName = keyof typeof POOL_KEYS;

export function keyCacheDir(): string {
  const override = process.env.PGSIM_KEY_CACHE;
  if (override) return override;
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'pgsim', `keys-v${KEY_POOL_VERSION}`);
}

const loaded = new Map<PoolKeyName, KeyObject>();

/** A pooled private key, generated and cached on first use. */
export function poolKey(name: PoolKeyName): KeyObject {
  const cached = loaded.get(name);
  if (cached) return cached;
  const dir = keyCacheDir();
  const file = join(dir, `${name}.pem`);
  let key: KeyObject;
  try {
    key = createPrivateKey(readFileSync(file, 'utf8'));
  } catch {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: POOL_KEYS[name] });
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    renameSync(tmp, file);
    key = privateKey;
  }
  loaded.set(name, key);
  return key;
}
