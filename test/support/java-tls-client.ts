import { execFile, spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Debian's JDK (apt-get install openjdk-17-jdk-headless): both javac and java must be on PATH. */
export const HAS_JDK =
  spawnSync('javac', ['-version'], { stdio: 'ignore' }).status === 0 &&
  spawnSync('java', ['-version'], { stdio: 'ignore' }).status === 0;
export const JDK_NOTICE = HAS_JDK
  ? ''
  : ' (SKIPPED: javac/java are missing; install them with "apt-get install openjdk-17-jdk-headless", as .ci/run does)';
if (!HAS_JDK) console.warn(`Java TLS client tests${JDK_NOTICE}`);

const SOURCE = resolve(import.meta.dirname, 'java', 'TlsVerdict.java');

/** What a JSSE client concluded: the handshake's protocol, or the exception chain (class: message | ...). */
export type JavaVerdict = { ok: true; protocol: string } | { ok: false; chain: string };

/** The compiled client in a temp dir; `verdict` runs it once per connection. */
export class JavaTlsClient {
  private constructor(private readonly dir: string) {}

  static async compile(): Promise<JavaTlsClient> {
    const dir = await mkdtemp(join(tmpdir(), 'pgsim-java-tls-'));
    await run('javac', ['-d', dir, SOURCE]);
    return new JavaTlsClient(dir);
  }

  /** Connect to ip:port as `fqdn` (SNI and HTTPS endpoint identification), trusting only the PEM files given. */
  async verdict(ip: string, port: number, fqdn: string, trustFiles: string[]): Promise<JavaVerdict> {
    const { stdout } = await run('java', ['-cp', this.dir, 'TlsVerdict', ip, String(port), fqdn, ...trustFiles], {
      timeout: 60_000,
    });
    const line = stdout.trim();
    if (line.startsWith('OK ')) return { ok: true, protocol: line.slice(3) };
    if (line.startsWith('FAIL')) return { ok: false, chain: line.slice(7) };
    throw new Error(`TlsVerdict printed neither OK nor FAIL: ${line}`);
  }

  async dispose(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }
}
