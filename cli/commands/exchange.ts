import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import { formatTable } from '../../scenarios/reporters/format-table.ts';
import { parseDuration } from '../../scenarios/sim-time.ts';
import { CliError } from '../cli-error.ts';
import { callExchange, type ExchangeTargetOptions, exchangeAdminUrl } from '../exchange-client.ts';

interface ExchangeOptions extends ExchangeTargetOptions {
  server?: string;
  json?: boolean;
}

interface CaFile {
  fileName: string;
  subject: string;
  issuer: string;
  fingerprint256: string;
  pem: string;
}

interface FaultView {
  type: string;
  name: string;
  explain: string;
  [attribute: string]: unknown;
}

interface CertificateView {
  server: string;
  profile: string;
  status: string;
  explain: string;
  chain: { subject: string; issuer: string; validTo: string }[];
}

function target(cmd: Command, server: 'required' | 'optional' = 'required'): Command {
  if (server === 'required') cmd.requiredOption('--server <name>', 'the Exchange server (e.g. ex1)');
  else cmd.option('--server <name>', 'one Exchange server (default: every server)');
  return cmd
    .option('--admin-url <url>', 'the organization admin API (default: the one recorded in the data directory)')
    .option('--data-dir <dir>', 'data directory where a running organization records its admin API')
    .option('--json', 'print as JSON');
}

function print(opts: ExchangeOptions, value: unknown, text: () => string): void {
  process.stdout.write(`${opts.json ? JSON.stringify(value, null, 2) : text()}\n`);
}

const server = (opts: ExchangeOptions) => encodeURIComponent(opts.server ?? '');

/** `--down`: milliseconds (`30000`) or a duration (`30s`, `2m`, `1h30m`). */
export function parseDown(text: string): number {
  if (/^\d+$/.test(text)) return Number(text);
  try {
    return parseDuration(text);
  } catch {
    throw new CliError(`--down "${text}" must be milliseconds (30000) or a duration like 30s, 2m or 1h30m`);
  }
}

/** `key=value` pairs of fault attributes; numbers stay numbers. */
export function parseAttributes(pairs: string[]): Record<string, unknown> {
  const attributes: Record<string, unknown> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new CliError(`fault attribute "${pair}" must be written name=value (e.g. latency=2000)`);
    const value = pair.slice(eq + 1);
    attributes[pair.slice(0, eq)] = value !== '' && Number.isFinite(Number(value)) ? Number(value) : value;
  }
  return attributes;
}

function faultTable(faults: FaultView[]): string {
  if (faults.length === 0) return 'No faults.';
  return formatTable(
    ['name', 'type', 'what it does'],
    faults.map((f) => [f.name, f.type, f.explain]),
  );
}

/** `pgsim exchange ...`: act on a running mock Exchange organization through its admin API. */
export function exchangeCommand(): Command {
  const exchange = new Command('exchange').description(
    'act on a running mock Exchange organization: export-ca, profile, fault, reset, requests',
  );

  exchange.addCommand(
    target(
      new Command('export-ca')
        .description("download the CA certificates of a server's chain as PEM files (to upload to IM&P's cup-trust)")
        .requiredOption('--out <dir>', 'directory to write the PEM files to'),
    ).action(async (opts: ExchangeOptions & { out: string }) => {
      const url = exchangeAdminUrl(opts);
      const { files } = await callExchange<{ files: CaFile[] }>(url, 'GET', `/servers/${server(opts)}/ca-certificates`);
      const dir = resolve(opts.out);
      try {
        mkdirSync(dir, { recursive: true });
        for (const f of files) writeFileSync(join(dir, f.fileName), f.pem);
      } catch (err) {
        throw new CliError(`cannot write to --out ${dir}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
      }
      const written = files.map((f) => ({
        file: join(dir, f.fileName),
        subject: f.subject,
        fingerprint256: f.fingerprint256,
      }));
      print(opts, written, () =>
        formatTable(
          ['file', 'subject', 'sha-256 fingerprint'],
          written.map((w) => [w.file, w.subject, w.fingerprint256]),
        ),
      );
    }),
  );

  exchange.addCommand(
    target(
      new Command('profile')
        .description("show a server's certificate profile, or switch it (new connections see the new certificate)")
        .argument('[profile]', 'the profile to switch to (see "pgsim exchange profiles")'),
    ).action(async (profile: string | undefined, opts: ExchangeOptions) => {
      const url = exchangeAdminUrl(opts);
      const path = `/servers/${server(opts)}/certificate`;
      const view =
        profile === undefined
          ? await callExchange<CertificateView>(url, 'GET', path)
          : await callExchange<CertificateView>(url, 'PUT', path, { profile });
      print(opts, view, () =>
        [
          `${view.server}: ${view.profile} (${view.status})`,
          `  ${view.explain}`,
          ...view.chain.map((c, i) => `  [${i}] ${c.subject}  issued by ${c.issuer}  until ${c.validTo}`),
        ].join('\n'),
      );
    }),
  );

  exchange.addCommand(
    target(
      new Command('profiles').description('list every certificate profile and the status row it produces'),
      'optional',
    ).action(async (opts: ExchangeOptions) => {
      const profiles = await callExchange<{ name: string; status: string; explain: string }[]>(
        exchangeAdminUrl(opts),
        'GET',
        '/certificate-profiles',
      );
      print(opts, profiles, () =>
        formatTable(
          ['profile', 'status row'],
          profiles.map((p) => [p.name, p.status]),
        ),
      );
    }),
  );

  const fault = new Command('fault').description("a server's faults: list, add, remove, clear");
  fault.addCommand(
    target(new Command('list').description("list a server's faults")).action(async (opts: ExchangeOptions) => {
      const view = await callExchange<{ faults: FaultView[] }>(
        exchangeAdminUrl(opts),
        'GET',
        `/servers/${server(opts)}/faults`,
      );
      print(opts, view.faults, () => faultTable(view.faults));
    }),
  );
  fault.addCommand(
    target(
      new Command('add')
        .description('add a fault, e.g. "fault add --server ex1 latency latency=2000 jitter=100"')
        .argument('<type>', 'fault type (down, hang, reset, close, latency, slow-close, limit-data, server-busy, ...)')
        .argument('[attributes...]', 'name=value attributes (name, toxicity, and those of the type)'),
    ).action(async (type: string, pairs: string[], opts: ExchangeOptions) => {
      const added = await callExchange<FaultView>(exchangeAdminUrl(opts), 'POST', `/servers/${server(opts)}/faults`, {
        type,
        ...parseAttributes(pairs),
      });
      print(opts, added, () => `${opts.server}: added ${added.name}: ${added.explain}`);
    }),
  );
  fault.addCommand(
    target(new Command('remove').description('remove a fault by name').argument('<name>', 'the fault name')).action(
      async (name: string, opts: ExchangeOptions) => {
        await callExchange(
          exchangeAdminUrl(opts),
          'DELETE',
          `/servers/${server(opts)}/faults/${encodeURIComponent(name)}`,
        );
        print(opts, { server: opts.server, removed: name }, () => `${opts.server}: removed ${name}`);
      },
    ),
  );
  fault.addCommand(
    target(new Command('clear').description('remove every fault of a server')).action(async (opts: ExchangeOptions) => {
      await callExchange(exchangeAdminUrl(opts), 'DELETE', `/servers/${server(opts)}/faults`);
      print(opts, { server: opts.server, faults: [] }, () => `${opts.server}: no faults`);
    }),
  );
  exchange.addCommand(fault);

  exchange.addCommand(
    target(
      new Command('restart')
        .description(
          'restart IIS/EWS on a server: it forgets every subscription it held; its HTTPS listener closes and reopens',
        )
        .option('--down <ms|duration>', 'how long (sim time) the listener refuses connections, e.g. 30s', '0'),
    ).action(async (opts: ExchangeOptions & { down: string }) => {
      const downMs = parseDown(opts.down);
      const r = await callExchange<{ server: string; lostSubscriptions: number; downMs: number }>(
        exchangeAdminUrl(opts),
        'POST',
        `/servers/${server(opts)}/restart`,
        { downMs },
      );
      print(
        opts,
        r,
        () =>
          `${r.server} restarted: ${r.lostSubscriptions} subscription(s) lost; ${r.downMs > 0 ? `listener down for ${r.downMs} ms of sim time` : 'listener reopened at once'}`,
      );
    }),
  );
  exchange.addCommand(
    target(
      new Command('reset').description(
        'return a server (default: every server) to the valid certificate with no faults',
      ),
      'optional',
    ).action(async (opts: ExchangeOptions) => {
      const url = exchangeAdminUrl(opts);
      const result = opts.server
        ? await callExchange(url, 'POST', `/servers/${server(opts)}/reset`)
        : await callExchange(url, 'POST', '/reset');
      print(opts, result, () => `${opts.server ?? 'every server'}: valid certificate, no faults`);
    }),
  );
  exchange.addCommand(
    target(
      new Command('requests')
        .description('the EWS requests the organization received (its request journal), oldest first')
        .option('--operation <name>', 'only this EWS operation (e.g. Subscribe, FindItem)')
        .option('--mailbox <address>', 'only requests addressing this mailbox')
        .option('--account <user>', 'only requests authenticated as this account')
        .option('--since <time>', 'only requests received at or after this time (ISO 8601, sim clock)')
        .option('--limit <n>', 'only the newest n'),
      'optional',
    ).action(async (opts: RequestsOptions) => {
      const query = new URLSearchParams();
      for (const name of ['operation', 'mailbox', 'server', 'account', 'since', 'limit'] as const) {
        const value = opts[name];
        if (value !== undefined) query.set(name, value);
      }
      const view = await callExchange<RequestsView>(exchangeAdminUrl(opts), 'GET', `/requests?${query}`);
      print(opts, view, () => requestTable(view));
    }),
  );
  return exchange;
}

interface RequestsOptions extends ExchangeOptions {
  operation?: string;
  mailbox?: string;
  account?: string;
  since?: string;
  limit?: string;
}

interface RequestsView {
  capacity: number;
  total: number;
  dropped: number;
  requests: {
    seq: number;
    at: string;
    server: string;
    operation?: string;
    mailboxes: string[];
    auth: { method: string; account?: string };
    responseCodes: string[];
    httpStatus: number;
    fault?: string;
  }[];
}

function requestTable(view: RequestsView): string {
  const kept = `${view.total} received, ${view.dropped} dropped (keeps ${view.capacity})`;
  if (view.requests.length === 0) return `No matching requests. ${kept}`;
  const table = formatTable(
    ['#', 'at', 'server', 'operation', 'mailboxes', 'auth', 'reply'],
    view.requests.map((r) => [
      String(r.seq),
      r.at,
      r.server,
      r.operation ?? '-',
      r.mailboxes.join(',') || '-',
      `${r.auth.method}${r.auth.account ? ` ${r.auth.account}` : ''}`,
      `${r.httpStatus} ${r.responseCodes.join(',')}${r.fault ? ` (fault ${r.fault})` : ''}`.trim(),
    ]),
  );
  return `${table}\n${kept}`;
}
