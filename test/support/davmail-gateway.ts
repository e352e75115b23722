import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** Where Debian's `davmail` package (davmail-server) puts the gateway. */
export const DAVMAIL_JAR = '/usr/share/davmail/davmail.jar';

function hasJava(): boolean {
  try {
    execFileSync('java', ['-version'], { stdio: 'ignore' });
    execFileSync('keytool', ['-help'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export const HAS_DAVMAIL = existsSync(DAVMAIL_JAR) && hasJava();
export const DAVMAIL_NOTICE = HAS_DAVMAIL ? '' : ' (SKIPPED: DavMail is not installed: apt-get install davmail)';

/** A free loopback port: DavMail needs its CalDAV port named up front (it never reports a port 0 choice). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export interface DavMailOptions {
  dir: string;
  ewsUrl: string;
  caFile: string;
  /** Host name to address lines for the JVM (DavMail must reach the server by the name its certificate carries). */
  hosts: Record<string, string>;
  caldavPort: number;
}

export interface DavMail {
  child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

/**
 * Start DavMail headless in EWS mode with only CalDAV on, trusting the organization's CA through a JVM trust
 * store and resolving the servers through a JVM hosts file; resolves once it listens.
 */
export async function startDavMail(o: DavMailOptions): Promise<DavMail> {
  const store = join(o.dir, 'trust.p12');
  execFileSync(
    'keytool',
    [
      '-importcert',
      '-noprompt',
      '-alias',
      'pgsim-ca',
      '-file',
      o.caFile,
      '-keystore',
      store,
      '-storetype',
      'PKCS12',
      '-storepass',
      'changeit',
    ],
    { stdio: 'pipe' },
  );
  const hostsFile = join(o.dir, 'hosts');
  writeFileSync(
    hostsFile,
    `${Object.entries(o.hosts)
      .map(([name, ip]) => `${ip} ${name}`)
      .join('\n')}\n`,
  );
  const props = join(o.dir, 'davmail.properties');
  writeFileSync(
    props,
    [
      'davmail.server=true',
      'davmail.mode=EWS',
      `davmail.url=${o.ewsUrl}`,
      `davmail.caldavPort=${o.caldavPort}`,
      'davmail.imapPort=',
      'davmail.popPort=',
      'davmail.smtpPort=',
      'davmail.ldapPort=',
      'davmail.allowRemote=false',
      'davmail.bindAddress=127.0.0.1',
      'davmail.disableUpdateCheck=true',
      'davmail.enableProxy=false',
      `davmail.logFilePath=${join(o.dir, 'davmail.log')}`,
      'log4j.rootLogger=WARN',
      'log4j.logger.davmail=INFO',
      '',
    ].join('\n'),
  );
  const child = spawn(
    'java',
    [
      `-Djavax.net.ssl.trustStore=${store}`,
      '-Djavax.net.ssl.trustStorePassword=changeit',
      `-Djdk.net.hosts.file=${hostsFile}`,
      '-jar',
      DAVMAIL_JAR,
      props,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const onData = (d: string) => {
      out += d;
      if (/listening on CALDAV port/.test(out)) resolve();
    };
    child.stdout?.setEncoding('utf8').on('data', onData);
    child.stderr?.setEncoding('utf8').on('data', onData);
    child.once('close', (code) => reject(new Error(`DavMail exited (${code}) before listening:\n${out}`)));
  });
  return {
    child,
    output: () => out,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
