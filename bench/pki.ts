/**
 * Time to build the whole certificate profile catalog (the organization PKI plus every profile for one
 * server) from a warm key pool (keys cached on disk) and from a cold one (an empty PGSIM_KEY_CACHE, so
 * every pooled RSA key is generated first). Each measurement runs in a fresh process, since keys are
 * also cached in memory once loaded; the warm process then rebuilds the catalog a few times to show the
 * steady state. Aim: under 200 ms warm. Also prints the time to derive the four CA keys from an organization seed
 * (mock-exchange/certs/seeded-rsa-key.ts), paid once per seed and process.
 *
 *   npx tsx bench/pki.ts [--rebuilds 5]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { POOL_KEYS, type PoolKeyName, poolKey } from '../mock-exchange/certs/key-pool.ts';
import { OrganizationPki } from '../mock-exchange/certs/organization-pki.ts';
import { CERTIFICATE_PROFILES } from '../mock-exchange/certs/profiles/index.ts';
import { seededRsaKey } from '../mock-exchange/certs/seeded-rsa-key.ts';
import { SystemClock } from '../sim/clock.ts';
import { IdGenerator } from '../sim/ids.ts';

const { values: args } = parseArgs({
  options: { rebuilds: { type: 'string', default: '5' }, child: { type: 'boolean', default: false } },
});

interface Measurement {
  /** Loading (warm) or generating (cold) every pooled key. */
  keysMs: number;
  /** Deriving the four CA keys from one organization seed (mock-exchange/certs/seeded-rsa-key.ts). */
  caKeysMs: number;
  /** The first catalog build once keys are in memory (includes first-use costs: JIT, WebCrypto). */
  firstMs: number;
  rebuildsMs: number[];
  certificates: number;
}

/** Build the PKI and every profile for one server; returns how many certificates were made. */
async function buildCatalog(seed: string): Promise<number> {
  const pki = new OrganizationPki(new SystemClock(), new IdGenerator(seed), { keySeed: CA_KEY_SEED });
  const server = { fqdn: 'ex1.example.test', ip: '127.0.10.1' };
  // Root, issuing, other root and impostor, then one leaf per profile.
  let certificates = 4;
  for (const profile of CERTIFICATE_PROFILES.values()) {
    await profile.build({ pki, server });
    certificates++;
  }
  return certificates;
}

/** One organization's seed for every build: its CA keys are derived once per process, as in a running lab. */
const CA_KEY_SEED = 'seed:bench';

async function measure(rebuilds: number): Promise<Measurement> {
  const k = performance.now();
  for (const name of Object.keys(POOL_KEYS) as PoolKeyName[]) poolKey(name);
  const keysMs = performance.now() - k;
  const c = performance.now();
  for (const label of ['root', 'issuing', 'other-root', 'impostor']) seededRsaKey(CA_KEY_SEED, label);
  const caKeysMs = performance.now() - c;
  const start = performance.now();
  const certificates = await buildCatalog('bench-0');
  const firstMs = performance.now() - start;
  const rebuildsMs: number[] = [];
  for (let i = 1; i <= rebuilds; i++) {
    const t = performance.now();
    await buildCatalog(`bench-${i}`);
    rebuildsMs.push(performance.now() - t);
  }
  return { keysMs, caKeysMs, firstMs, rebuildsMs, certificates };
}

function runChild(env: NodeJS.ProcessEnv, rebuilds: number): Measurement {
  const self = fileURLToPath(import.meta.url);
  const out = execFileSync(process.execPath, ['--import', 'tsx', self, '--child', '--rebuilds', String(rebuilds)], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  return JSON.parse(out) as Measurement;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const ms = (x: number) => `${x.toFixed(1)} ms`;

if (args.child) {
  process.stdout.write(JSON.stringify(await measure(Number(args.rebuilds))));
} else {
  const rebuilds = Number(args.rebuilds);
  if (!Number.isInteger(rebuilds) || rebuilds < 1)
    throw new Error(`--rebuilds must be a positive integer, got ${args.rebuilds}`);
  const coldDir = mkdtempSync(join(tmpdir(), 'pgsim-cold-keys-'));
  try {
    // Warm the real cache first, so "warm" never pays for key generation.
    runChild({}, 0);
    const warm = runChild({}, rebuilds);
    const cold = runChild({ PGSIM_KEY_CACHE: coldDir }, 0);
    const steady = median(warm.rebuildsMs);
    console.log(`certificate catalog: ${CERTIFICATE_PROFILES.size} profiles, ${warm.certificates} certificates`);
    console.log(
      `  cold key pool: generate ${Object.keys(POOL_KEYS).length} keys ${ms(cold.keysMs)} + build ${ms(cold.firstMs)} = ${ms(cold.keysMs + cold.firstMs)}`,
    );
    console.log(
      `  warm key pool: load ${Object.keys(POOL_KEYS).length} keys ${ms(warm.keysMs)} + build ${ms(warm.firstMs)} = ${ms(warm.keysMs + warm.firstMs)}`,
    );
    console.log(
      `  CA keys derived from the organization seed: 4 keys ${ms(warm.caKeysMs)} (cold run: ${ms(cold.caKeysMs)})`,
    );
    console.log(`  warm, steady state (median of ${rebuilds} rebuilds in that process): ${ms(steady)}`);
    const warmTotal = warm.keysMs + warm.firstMs;
    console.log(
      `  cold / warm: ${((cold.keysMs + cold.firstMs) / warmTotal).toFixed(1)}x; aim under 200 ms warm: first build ${warm.firstMs < 200 ? 'meets' : 'misses'} it, steady state ${steady < 200 ? 'meets' : 'misses'} it`,
    );
  } finally {
    rmSync(coldDir, { recursive: true, force: true });
  }
}
