import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** The key file in the data directory: 32 random bytes, mode 0600, made on first use. */
export const SECRET_KEY_FILE = 'imp-secret.key';

/** How an encrypted value starts in the database: the scheme, then base64 iv, tag and ciphertext. */
export const ENCRYPTED_PREFIX = 'aes256gcm:';

const KEY_BYTES = 32;
const IV_BYTES = 12;

/**
 * Recoverable secrets (the service account's password, needed for Basic and NTLM), kept as IM&P keeps
 * them: encrypted, here with AES-256-GCM under a key that lives 0600 beside the database.
 */
export class SecretBox {
  #key: Buffer | undefined;

  /** `dataDir` ':memory:' keeps a key for this process only. */
  constructor(readonly dataDir: string | ':memory:') {}

  static isEncrypted(value: string): boolean {
    return value.startsWith(ENCRYPTED_PREFIX);
  }

  encrypt(plain: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#keyBytes(), iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `${ENCRYPTED_PREFIX}${iv.toString('base64')}:${cipher.getAuthTag().toString('base64')}:${body.toString('base64')}`;
  }

  decrypt(stored: string): string {
    if (!SecretBox.isEncrypted(stored)) throw new Error('not an encrypted value');
    const [iv, tag, body] = stored.slice(ENCRYPTED_PREFIX.length).split(':');
    if (iv === undefined || tag === undefined || body === undefined) throw new Error('malformed encrypted value');
    const decipher = createDecipheriv('aes-256-gcm', this.#keyBytes(), Buffer.from(iv, 'base64'));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    try {
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
    } catch {
      throw new Error(`the key in ${SECRET_KEY_FILE} does not open this value (was the key file replaced?)`);
    }
  }

  #keyBytes(): Buffer {
    this.#key ??=
      this.dataDir === ':memory:' ? randomBytes(KEY_BYTES) : loadOrCreateKey(join(this.dataDir, SECRET_KEY_FILE));
    return this.#key;
  }
}

function loadOrCreateKey(file: string): Buffer {
  try {
    // 'wx': exactly one process creates the key; the others read it.
    const fd = openSync(file, 'wx', 0o600);
    const key = randomBytes(KEY_BYTES);
    try {
      writeSync(fd, key.toString('base64'));
    } finally {
      closeSync(fd);
    }
    return key;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  chmodSync(file, 0o600);
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length !== KEY_BYTES) throw new Error(`${file}: not a ${KEY_BYTES}-byte key`);
  return key;
}
