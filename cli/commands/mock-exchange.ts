import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Command } from 'commander';
import { parse as parseYaml } from 'yaml';
import { resolveDataDir } from '../../gateway/config/data-dir.ts';
import { EXCHANGE_CA_SEED_FILE } from '../../mock-exchange/certs/ca-key-seed.ts';
import { defaultOrgConfig } from '../../mock-exchange/default-org.ts';
import { EwsSchemaDirError } from '../../mock-exchange/description/service-description.ts';
import { MockExchange } from '../../mock-exchange/mock-exchange.ts';
import { MockExchangeError } from '../../mock-exchange/mock-exchange-error.ts';
import type { OrgConfig } from '../../mock-exchange/org-config.ts';
import { writePrivateFile } from '../../sim/admin-token.ts';
import { CliError } from '../cli-error.ts';
import { forgetRunningExchange, recordRunningExchange } from '../exchange-client.ts';

export interface MockExchangeCliOptions {
  config?: string;
  readyFile?: string;
  listenAll?: boolean;
  dataDir?: string;
  ewsSchema?: string;
}

export function loadOrgConfig(file: string | undefined): OrgConfig {
  if (!file) return defaultOrgConfig();
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new CliError(`cannot read --config ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  const yaml = /\.ya?ml$/i.test(file);
  try {
    return (yaml ? parseYaml(text) : JSON.parse(text)) as OrgConfig;
  } catch (err) {
    throw new CliError(`${file}: not valid ${yaml ? 'YAML' : 'JSON'}: ${(err as Error).message}`);
  }
}

/** Start an organization, write the ready file, print the facts, and run until interrupted. */
export async function runMockExchange(opts: MockExchangeCliOptions): Promise<MockExchange> {
  const config = loadOrgConfig(opts.config);
  let mock: MockExchange;
  try {
    mock = new MockExchange({
      config,
      listenAll: opts.listenAll,
      ewsSchemaDir: opts.ewsSchema,
      caSeedFile: join(resolveDataDir(opts.dataDir), EXCHANGE_CA_SEED_FILE),
    });
  } catch (err) {
    if (err instanceof MockExchangeError && err.code === 'INVALID_CONFIG')
      throw new CliError(`${opts.config ?? 'default organization'}: ${err.message}`);
    if (err instanceof EwsSchemaDirError) throw new CliError(err.message);
    throw err;
  }
  try {
    await mock.start();
  } catch (err) {
    throw new CliError((err as Error).message);
  }
  const caFile = opts.readyFile
    ? join(dirname(resolve(opts.readyFile)), 'pgsim-ca.pem')
    : join(process.cwd(), '.pgsim', 'pgsim-ca.pem');
  writeFileAtomically(caFile, mock.pki.trustBundlePem);
  const info = mock.readyInfo(caFile);
  // `pgsim exchange ...` finds the admin API through this record (written before the ready file announces us).
  const stateFile = recordRunningExchange(mock, opts.dataDir);
  // 0600: it holds the accounts' passwords and the admin token.
  if (opts.readyFile) writePrivateFile(resolve(opts.readyFile), `${JSON.stringify(info, null, 2)}\n`);

  const out = process.stdout;
  out.write('Mock Exchange organization is up.\n');
  for (const s of info.servers) out.write(`  ${s.name.padEnd(6)} ${s.ewsUrl}  (${s.ip}:${s.port})\n`);
  out.write(`  Trust this CA: ${caFile}\n`);
  if (info.adminUrl) out.write(`  admin API: ${info.adminUrl} (token in ${stateFile ?? 'the ready file'})\n`);
  for (const a of info.accounts) {
    out.write(`  account ${a.user} / ${a.password}${a.impersonation ? '  (ApplicationImpersonation)' : ''}\n`);
  }
  out.write(`  mailboxes: ${info.mailboxes.join(', ')}\n`);
  out.write('Press Ctrl-C to stop.\n');

  const shutdown = () => {
    if (stateFile) forgetRunningExchange(stateFile);
    void mock.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  return mock;
}

function writeFileAtomically(file: string, content: string): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, content);
  renameSync(tmp, file);
}

export function mockExchangeCommand(): Command {
  return new Command('mock-exchange')
    .description('run a standalone mock Exchange organization (HTTPS EWS on loopback)')
    .option(
      '--config <file>',
      'organization file (JSON, or YAML when named .yaml/.yml); default: two servers, four users with meetings today',
    )
    .option('--ready-file <file>', 'write servers, CA file, accounts and mailboxes as JSON when every listener is up')
    .option('--listen-all', 'bind every server on 0.0.0.0 instead of its own loopback address (containers)')
    .option(
      '--ews-schema <dir>',
      "serve Microsoft's Services.wsdl, messages.xsd and types.xsd from <dir> at /EWS/ instead of the generated description (organization file: ewsSchema)",
    )
    .option('--data-dir <dir>', 'where to record the admin API address for "pgsim exchange" (default: $PGSIM_DATA_DIR)')
    .action(async (opts: MockExchangeCliOptions) => {
      await runMockExchange(opts);
    });
}
