import { join } from 'node:path';
import { Command } from 'commander';
import type { ChainRow } from '../../gateway/certificates/chain-rows.ts';
import { DEBUG_LOG_FILE, resolveDataDir } from '../../gateway/config/data-dir.ts';
import { formatLogEntry, readDebugLog } from '../../gateway/debug-log.ts';
import type { GatewayStatus } from '../../gateway/status/gateway-check.ts';
import { REACHABILITY_HELP, SSL_HELP, type SslLabel } from '../../gateway/status/status-labels.ts';
import { formatTable } from '../../scenarios/reporters/format-table.ts';
import type { JournalEntry } from '../../sim/journal.ts';
import { callNode } from '../node-client.ts';
import { addDataDirOption, type StatusOptions, withNode } from './imp-common.ts';

interface StatusJson {
  rows: GatewayStatus[];
  notChecked: number;
  restartRequired: boolean;
}

/** The verbose lines of one SSL verdict: the label and rule, the evidence, why and what to do. */
export function sslExplanation(where: string, ssl: SslLabel, evidence: { rule: string; detail: string }): string[] {
  const lines = [`${where}: ${ssl} (${evidence.rule})`, `  ${evidence.detail}`];
  if (ssl !== 'Verified') lines.push(`  Why: ${SSL_HELP[ssl].explanation}`, `  Do: ${SSL_HELP[ssl].action}`);
  return lines;
}

function renderStatus(s: StatusJson, verbose: boolean): string {
  if (s.rows.length === 0) return 'Exchange Server Status: no Presence Gateways configured.';
  const lines = [
    `Exchange Server Status (${s.rows.length} gateway${s.rows.length === 1 ? '' : 's'} checked)`,
    formatTable(
      ['#', 'Presence Gateway', 'Exchange Reachability', 'SSL Connection/Certificate Verification'],
      s.rows.map((r) => [r.gateway.order, `${r.gateway.host}:${r.gateway.port}`, r.reachability, r.ssl]),
    ),
  ];
  if (verbose) {
    for (const r of s.rows) {
      lines.push('', ...sslExplanation(`${r.gateway.host}:${r.gateway.port}`, r.ssl, r.evidence));
      if (r.reachabilityEvidence)
        lines.push(`  Reachability (${r.reachabilityEvidence.probe}): ${r.reachabilityEvidence.detail}`);
      if (r.reachability === 'unreachable') lines.push(`  Do: ${REACHABILITY_HELP.unreachable.action}`);
      for (const w of r.evidence.warnings) lines.push(`  Warning: ${w}`);
    }
  }
  if (s.notChecked > 0)
    lines.push(
      `${s.notChecked} more gateway(s) configured were not checked: the status area checks only the first 10.`,
    );
  if (s.restartRequired) lines.push('Presence Engine restart required.');
  return lines.join('\n');
}

export function renderChain(rows: ChainRow[]): string {
  if (rows.length === 0) return 'No certificate chain (the TLS handshake did not complete).';
  return formatTable(
    ['#', 'Subject CN', 'Issuer CN', 'Status', 'Serial', 'Valid to', 'SHA-256 fingerprint'],
    rows.map((r, i) => [i, r.subjectCN, r.issuerCN, r.status, r.serial ?? '', r.validTo ?? '', r.fingerprint ?? '']),
  );
}

export function statusCommand(): Command {
  return addDataDirOption(
    new Command('status')
      .description('the Exchange Server Status area: reachability and SSL verification for the first 10 gateways')
      .option('--json', 'print as JSON')
      .option('-v, --verbose', 'explain each status, with the evidence and the recommended action')
      .option('--hosts <file>', 'when no node runs: resolve names from a mock ready file or hosts file'),
  ).action(async (opts: StatusOptions) => {
    const s = await withNode<StatusJson>(
      opts,
      (url) => callNode<StatusJson>(url, 'GET', '/status'),
      (node) => node.status(),
    );
    process.stdout.write(`${opts.json ? JSON.stringify(s, null, 2) : renderStatus(s, opts.verbose ?? false)}\n`);
  });
}

export function viewerCommand(): Command {
  return addDataDirOption(
    new Command('viewer')
      .description(
        'the Certificate Viewer (Configure/View) for a gateway; --accept imports the presented chain into cup-trust',
      )
      .argument('<gateway>', 'gateway id or host')
      .option('--accept', '"Accept Certificate Chain" and Save')
      .option('--json', 'print as JSON')
      .option('--hosts <file>', 'when no node runs: resolve names from a mock ready file or hosts file'),
  ).action(async (ref: string, opts: StatusOptions & { accept?: boolean }) => {
    type View = { ssl: string; detail: string; rows: ChainRow[] };
    const view = await withNode<View & { added?: unknown[] }>(
      opts,
      async (url) => {
        const added = opts.accept
          ? (await callNode<{ added: unknown[] }>(url, 'POST', `/viewer/${encodeURIComponent(ref)}/accept`)).added
          : undefined;
        return { ...(await callNode<View>(url, 'GET', `/viewer/${encodeURIComponent(ref)}`)), added };
      },
      async (node) => {
        const added = opts.accept ? await node.acceptChain(ref) : undefined;
        const v = await node.viewer(ref);
        return { ssl: v.ssl, detail: v.detail, rows: v.rows, added };
      },
    );
    const text = [renderChain(view.rows), `Verification: ${view.ssl} (${view.detail})`];
    if (view.added)
      text.push(
        `Accepted ${view.added.length} certificate(s) into cup-trust. Restart the Cisco Presence Engine to use them.`,
      );
    process.stdout.write(`${opts.json ? JSON.stringify(view, null, 2) : text.join('\n')}\n`);
  });
}

export function logsCommand(): Command {
  return addDataDirOption(
    new Command('logs')
      .description('the debug log of the IM&P node (JSON lines in the data directory, across its rotated files)')
      .option('-f, --follow', 'keep printing new entries')
      .option('--json', 'print raw JSON lines'),
  ).action(async (opts: { dataDir?: string; follow?: boolean; json?: boolean }) => {
    const file = join(resolveDataDir(opts.dataDir), DEBUG_LOG_FILE);
    const show = (e: JournalEntry) => process.stdout.write(`${opts.json ? JSON.stringify(e) : formatLogEntry(e)}\n`);
    // Follow by the last line shown, not a count: rotation drops the oldest file.
    let last: string | undefined;
    const flush = () => {
      const all = readDebugLog(file);
      const lines = all.map((e) => JSON.stringify(e));
      const from = last === undefined ? 0 : lines.lastIndexOf(last) + 1;
      for (const e of all.slice(from)) show(e);
      if (lines.length) last = lines[lines.length - 1];
    };
    flush();
    if (!opts.follow) return;
    const { watchFile } = await import('node:fs');
    watchFile(file, { interval: 250 }, flush);
    await new Promise<void>((resolve) => process.once('SIGINT', resolve));
  });
}
