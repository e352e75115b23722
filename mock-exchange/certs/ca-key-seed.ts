import { randomBytes } from 'node:crypto';
import { chmodSync, linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** The file in a data directory that keeps the CA key seed of an organization without a seed. */
export const EXCHANGE_CA_SEED_FILE = 'exchange-ca.seed';

const SECRET = /^[0-9a-f]{64}$/;

/**
 * What an organization's CA keys derive from: its seed when it has one (the same keys on every run and
 * machine), else a random secret kept 0600 in `seedFile` (the same keys on every restart with that data
 * directory), else a random secret for this run only.
 */
export function caKeySeed(orgSeed: string | undefined, seedFile?: string): string {
  if (orgSeed !== undefined) return `seed:${orgSeed}`;
  if (!seedFile) return `random:${randomBytes(32).toString('hex')}`;
  return `file:${storedSecret(seedFile)}`;
}

/** The secret in `file`, made on first use; linked into place whole, so two starts racing agree on one secret. */
function storedSecret(file: string): string {
  try {
    return checked(file, readFileSync(file, 'utf8'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const secret = randomBytes(32).toString('hex');
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, `${secret}\n`, { mode: 0o600 });
    // The mode option is masked by the umask: set it outright.
    chmodSync(tmp, 0o600);
    linkSync(tmp, file);
    return secret;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return checked(file, readFileSync(file, 'utf8'));
    throw err;
  } finally {
    rmSync(tmp, { force: true });
  }
}

function checked(file: string, text: string): string {
  const secret = text.trim();
  if (!SECRET.test(secret)) {
    throw new Error(`${file}: not a CA key seed (64 hex digits); delete it to make new CA keys`);
  }
  return secret;
}
