import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildProgram } from '../../../cli/cli.ts';
import { parseXml } from '../../../ews/soap-request.ts';
import type { ReadyInfo } from '../../../mock-exchange/mock-exchange.ts';
import type { OrgConfig } from '../../../mock-exchange/org-config.ts';
import { calendarView } from '../../support/ews-request-bodies.ts';
import { type PgsimProcess, runPgsim, startPgsim, waitForJsonFile } from '../../support/pgsim-process.ts';
import { soapEnvelope } from '../../support/soap-envelope.ts';

/** Its own loopback addresses, so it never collides with other suites' organizations. */
const CLI_ORG: OrgConfig = {
  domain: 'cli.test',
  seed: 'cli',
  servers: [
    { name: 'mbx1', fqdn: 'mbx1.cli.test', ip: '127.0.30.1', port: 0 },
    { name: 'mbx2', fqdn: 'mbx2.cli.test', ip: '127.0.30.2', port: 0 },
  ],
  accounts: [{ user: 'svc-cli', password: 'Cli-Passw0rd', impersonation: true }],
  mailboxes: [
    {
      address: 'erin@cli.test',
      server: 'mbx2',
      meetings: [
        { subject: 'Budget review', start: '2030-05-06T10:00:00Z', end: '2030-05-06T11:00:00Z', freeBusy: 'Busy' },
        { subject: 'Next week', start: '2030-05-13T10:00:00Z', end: '2030-05-13T11:00:00Z' },
      ],
    },
  ],
};

interface Reply {
  status: number;
  body: string;
}

/** POST over HTTPS to the server's IP, verifying its certificate for its FQDN against the CA file only. */
function postSoap(server: ReadyInfo['servers'][number], caFile: string, body: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: server.ip,
        port: server.port,
        servername: server.fqdn,
        path: new URL(server.ewsUrl).pathname,
        method: 'POST',
        ca: readFileSync(caFile, 'utf8'),
        agent: false,
        headers: {
          Host: `${server.fqdn}:${server.port}`,
          'Content-Type': 'text/xml; charset=utf-8',
          Authorization: `Basic ${Buffer.from('svc-cli:Cli-Passw0rd').toString('base64')}`,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (d: string) => {
          text += d;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Resolves with the connect error code: ECONNREFUSED once nothing listens there any more. */
function connectError(host: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
  });
}

describe('pgsim mock-exchange as a child process', () => {
  let dir: string;
  let proc: PgsimProcess | undefined;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pgsim-cli-'));
  });
  afterEach(async () => {
    if (proc && proc.child.exitCode === null && proc.child.signalCode === null) {
      proc.child.kill('SIGKILL');
      await proc.exited;
    }
    proc = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts from a config file, writes the ready file, answers FindItem over HTTPS, stops on SIGINT', async () => {
    const config = join(dir, 'org.json');
    const readyFile = join(dir, 'ready.json');
    writeFileSync(config, JSON.stringify(CLI_ORG));
    proc = startPgsim(['mock-exchange', '--config', config, '--ready-file', readyFile]);
    const ready = await waitForJsonFile<ReadyInfo>(readyFile, proc);

    expect(ready.servers.map((s) => [s.name, s.fqdn, s.ip])).toEqual([
      ['mbx1', 'mbx1.cli.test', '127.0.30.1'],
      ['mbx2', 'mbx2.cli.test', '127.0.30.2'],
    ]);
    for (const s of ready.servers) {
      expect(s.port).toBeGreaterThan(0);
      expect(s.ewsUrl).toBe(`https://${s.fqdn}:${s.port}/EWS/Exchange.asmx`);
    }
    expect(ready.caFile).toBe(join(dir, 'pgsim-ca.pem'));
    expect(readFileSync(ready.caFile!, 'utf8')).toMatch(/^-----BEGIN CERTIFICATE-----/);
    expect(ready.accounts).toEqual([{ user: 'svc-cli', password: 'Cli-Passw0rd', impersonation: true }]);
    expect(ready.mailboxes).toEqual(['erin@cli.test']);

    // Asked of mbx1 for a mailbox homed on mbx2: the CAS answers for it.
    const mbx1 = ready.servers[0]!;
    const reply = await postSoap(
      mbx1,
      ready.caFile!,
      soapEnvelope(calendarView('2030-05-06T00:00:00.000Z', '2030-05-07T00:00:00.000Z', 50), {
        impersonate: 'erin@cli.test',
      }),
    );
    expect(reply.status).toBe(200);
    const message = (await parseXml(reply.body)).at(
      'Body',
      'FindItemResponse',
      'ResponseMessages',
      'FindItemResponseMessage',
    );
    expect(message?.textAt('ResponseCode')).toBe('NoError');
    const items = message?.at('RootFolder', 'Items')?.all('CalendarItem') ?? [];
    expect(items.map((i) => i.textAt('Subject'))).toEqual(['Budget review']);

    proc.child.kill('SIGINT');
    expect(await proc.exited).toEqual({ code: 0, signal: null });
    expect(proc.stdout()).toContain(`mbx1   ${mbx1.ewsUrl}  (127.0.30.1:${mbx1.port})`);
    for (const s of ready.servers) expect(await connectError(s.ip, s.port)).toBe('ECONNREFUSED');
  });

  it('--help lists every command of the program', async () => {
    const { code, stdout } = await runPgsim(['--help']);
    expect(code).toBe(0);
    const names = (await buildProgram()).commands.map((c) => c.name());
    expect(names).toContain('mock-exchange');
    for (const name of names) expect(stdout).toMatch(new RegExp(`^  ${name}\\b`, 'm'));
  });

  it('a missing --config file: non-zero exit naming the file and why', async () => {
    const missing = join(dir, 'missing.json');
    const { code, stderr } = await runPgsim(['mock-exchange', '--config', missing]);
    expect(code).not.toBe(0);
    expect(stderr).toBe(`pgsim: cannot read --config ${missing}: ENOENT\n`);
  });

  it('a config that is not JSON: non-zero exit naming the file', async () => {
    const file = join(dir, 'broken.json');
    writeFileSync(file, '{ "domain": ');
    const { code, stderr } = await runPgsim(['mock-exchange', '--config', file]);
    expect(code).not.toBe(0);
    expect(stderr).toContain(`pgsim: ${file}: not valid JSON`);
  });

  it.each([
    ['ip', { ip: '10.0.0.1' }, 'servers[1].ip: "10.0.0.1" must be an IPv4 address on 127.0.0.0/8'],
    ['fqdn', { fqdn: 'bad_name' }, 'servers[1].fqdn: "bad_name" is not a valid host name'],
    ['port', { port: 70000 }, 'servers[1].port: 70000 is not a TCP port (0-65535)'],
  ])('a bad server %s: non-zero exit naming the file and the field', async (_f, patch, message) => {
    const file = join(dir, 'bad-server.json');
    const servers = [CLI_ORG.servers[0]!, { ...CLI_ORG.servers[1]!, ...patch }];
    writeFileSync(file, JSON.stringify({ ...CLI_ORG, servers }));
    const { code, stderr } = await runPgsim(['mock-exchange', '--config', file]);
    expect(code).not.toBe(0);
    expect(stderr).toBe(`pgsim: ${file}: ${message}\n`);
  });
});
