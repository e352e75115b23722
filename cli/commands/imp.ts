import { join } from 'node:path';
import { Command } from 'commander';
import { serveAdminApi } from '../../gateway/admin-api.ts';
import { NODE_STATE_FILE, resolveDataDir } from '../../gateway/config/data-dir.ts';
import { ImpNode } from '../../gateway/imp-node.ts';
import { labNetwork, standaloneNetwork } from '../../gateway/network/gateway-network.ts';
import { DEFAULT_RELEASE, RELEASE_NAMES } from '../../gateway/releases/release-profiles.ts';
import { SystemClock } from '../../sim/clock.ts';
import { CliError } from '../cli-error.ts';
import { callNode, requireRunningNode } from '../node-client.ts';
import { addDataDirOption, loadHostsFile, withNode } from './imp-common.ts';

interface ServeOptions {
  dataDir?: string;
  adminPort: string;
  adminHost: string;
  hosts?: string;
  engine: boolean;
  release: string;
}

export function impCommand(): Command {
  const imp = new Command('imp').description('the IM and Presence node: serve it standalone');
  imp.addCommand(
    addDataDirOption(
      new Command('serve')
        .description('run the IM&P node (configuration database, Presence Engine, status area, admin API) until Ctrl-C')
        .option('--admin-port <port>', 'admin API port (0 = any free port)', '0')
        .option(
          '--admin-host <address>',
          'address the admin API and presence feed bind to (0.0.0.0 in containers)',
          '127.0.0.1',
        )
        .option('--hosts <file>', 'resolve names from a mock ready file or an /etc/hosts-style file instead of DNS')
        .option('--no-engine', 'do not start the Cisco Presence Engine at boot')
        .option('--release <release>', `IM and Presence release (${RELEASE_NAMES.join(', ')})`, DEFAULT_RELEASE),
    ).action(async (opts: ServeOptions) => {
      const dataDir = resolveDataDir(opts.dataDir);
      const network = opts.hosts ? labNetwork(loadHostsFile(opts.hosts)) : standaloneNetwork();
      if (!RELEASE_NAMES.includes(opts.release))
        throw new CliError(`--release must be one of ${RELEASE_NAMES.join(', ')}, got "${opts.release}"`);
      const node = new ImpNode({ dataDir, clock: new SystemClock(), network, release: opts.release });
      const port = Number(opts.adminPort);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new CliError(`--admin-port must be 0-65535, got "${opts.adminPort}"`);
      const api = await serveAdminApi(node, port, opts.adminHost);
      node.recordAdminUrl(api.url, api.token);
      if (opts.engine) await node.engine.start();
      process.stdout.write(
        `IM&P node is up (release ${node.release.release}).\n  data directory: ${dataDir}\n  admin API: ${api.url} (token in ${join(dataDir, NODE_STATE_FILE)})\n  Cisco Presence Engine: ${node.engine.state}\nPress Ctrl-C to stop.\n`,
      );
      const shutdown = () => {
        void api
          .close()
          .then(() => node.close())
          .then(() => process.exit(0));
      };
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
    }),
  );
  imp.addCommand(
    addDataDirOption(
      new Command('restart').description(
        'restart the IM&P node: an installed locale becomes active; the Presence Engine restarts',
      ),
    ).action(async (opts: { dataDir?: string }) => {
      const r = await withNode<{ activeLocale: string }>(
        opts,
        (u) => callNode(u, 'POST', '/imp/restart'),
        async (n) => ({ activeLocale: n.directory.locales.applyPendingOnRestart() }),
      );
      process.stdout.write(`IM and Presence node restarted; active locale ${r.activeLocale}.\n`);
    }),
  );
  return imp;
}

export function engineCommand(): Command {
  const engine = new Command('engine').description(
    'the Cisco Presence Engine on the running node: start, stop, restart, status',
  );
  for (const action of ['start', 'stop', 'restart'] as const) {
    engine.addCommand(
      addDataDirOption(
        new Command(action)
          .description(`${action} the Cisco Presence Engine`)
          .action(async (opts: { dataDir?: string }) => {
            const url = requireRunningNode(opts.dataDir);
            const r = await callNode<{ state: string }>(url, 'POST', `/engine/${action}`);
            process.stdout.write(`Cisco Presence Engine: ${r.state}\n`);
          }),
      ),
    );
  }
  engine.addCommand(
    addDataDirOption(
      new Command('status')
        .option('--json', 'print as JSON')
        .description('show the engine state')
        .action(async (opts: { dataDir?: string; json?: boolean }) => {
          const r = await callNode<{ state: string; restartRequired: boolean }>(
            requireRunningNode(opts.dataDir),
            'GET',
            '/engine',
          );
          process.stdout.write(
            opts.json
              ? `${JSON.stringify(r, null, 2)}\n`
              : `Cisco Presence Engine: ${r.state}${r.restartRequired ? ' (Presence Engine restart required)' : ''}\n`,
          );
        }),
    ),
  );
  return engine;
}
