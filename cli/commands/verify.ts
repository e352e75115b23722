import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { type NamedFile, type OfflineVerdict, verifyExportedChain } from '../../gateway/certificates/offline-verify.ts';
import { GatewayError } from '../../gateway/gateway-error.ts';
import { formatTable } from '../../scenarios/reporters/format-table.ts';
import { CliError } from '../cli-error.ts';
import { renderChain, sslExplanation } from './status.ts';

interface VerifyOptions {
  chain: string;
  host: string;
  trust: string[];
  release?: string;
  at?: string;
  json?: boolean;
}

/** Certificate files in a trust directory, as an administrator would keep them. */
const CERT_FILE = /\.(pem|crt|cer|der)$/i;

function readNamed(file: string, what: string): NamedFile {
  try {
    return { name: file, data: readFileSync(file) };
  } catch (err) {
    throw new CliError(`cannot read ${what} ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
}

/** --trust takes files and directories; a directory gives every certificate file in it, in name order. */
function readTrust(paths: string[]): NamedFile[] {
  return paths.flatMap((p) => {
    let isDir: boolean;
    try {
      isDir = statSync(p).isDirectory();
    } catch (err) {
      throw new CliError(`cannot read --trust ${p}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
    }
    if (!isDir) return [readNamed(p, '--trust')];
    const files = readdirSync(p)
      .filter((f) => CERT_FILE.test(f))
      .sort();
    if (files.length === 0) throw new CliError(`--trust ${p}: no .pem, .crt, .cer or .der file in this directory`);
    return files.map((f) => readNamed(join(p, f), '--trust'));
  });
}

function parseAt(raw: string | undefined): number {
  if (raw === undefined) return Date.now();
  const at = Date.parse(raw);
  if (!Number.isFinite(at))
    throw new CliError(`--at must be a date and time such as 2030-05-06T08:00:00Z, got "${raw}"`);
  return at;
}

export function renderVerdict(v: OfflineVerdict): string {
  return [
    `Exchange Server Status, judged offline (IM and Presence ${v.release}, at ${v.at})`,
    formatTable(['Presence Gateway', 'SSL Connection/Certificate Verification'], [[v.host, v.ssl]]),
    '',
    ...sslExplanation(v.host, v.ssl, v.evidence),
    ...v.evidence.warnings.map((w) => `  Warning: ${w}`),
    '',
    'Certificate Viewer',
    renderChain(v.evidence.chain),
    '',
    `Not judged offline: ${v.notJudged.join('; ')}.`,
  ].join('\n');
}

export function verifyCommand(): Command {
  return new Command('verify')
    .description('judge an exported certificate chain offline, as the status area of an IM&P node would')
    .requiredOption('--chain <file>', 'the chain Exchange presents, PEM (leaf first) or DER')
    .requiredOption('--host <name>', 'the Presence Gateway value (FQDN or IP) the node connects to')
    .option(
      '--trust <path...>',
      'cup-trust: certificate files or directories of them (default: nothing trusted)',
      (v: string, prev: string[]) => [...prev, v],
      [] as string[],
    )
    .option('--release <release>', 'the IM and Presence release whose certificate policy judges (default: newest)')
    .option('--at <time>', 'judge validity dates at this instant (ISO 8601; default: now)')
    .option('--json', 'print as JSON')
    .action((opts: VerifyOptions) => {
      const at = parseAt(opts.at);
      const chain = readNamed(opts.chain, '--chain');
      const trust = readTrust(opts.trust);
      let verdict: OfflineVerdict;
      try {
        verdict = verifyExportedChain({ chain, trust, host: opts.host, release: opts.release, at });
      } catch (err) {
        if (err instanceof GatewayError) throw new CliError(`${err.message} [${err.code}]`);
        throw err;
      }
      process.stdout.write(`${opts.json ? JSON.stringify(verdict, null, 2) : renderVerdict(verdict)}\n`);
    });
}
