import { resolve } from 'node:path';
import { Command } from 'commander';
import { Dashboard } from '../../dashboard/dashboard-server.ts';
import { resolveDataDir } from '../../gateway/config/data-dir.ts';
import { DEFAULT_RELEASE, RELEASE_NAMES } from '../../gateway/releases/release-profiles.ts';
import { LAB_USER_PASSWORD } from '../../lab/create-lab.ts';
import { createLiveLab, type LiveLab } from '../../lab/live-lab.ts';
import { writePrivateFile } from '../../sim/admin-token.ts';
import { CliError } from '../cli-error.ts';
import { forgetRunningExchange, recordRunningExchange } from '../exchange-client.ts';
import { nodeStateFile, recordInMemoryNode } from '../node-client.ts';
import { startingParent, watchParent } from '../parent-watch.ts';

interface LabCliOptions {
  readyFile?: string;
  dataDir?: string;
  persist?: boolean;
  dashboardHost: string;
  dashboardPort: string;
  release: string;
}

/** The dashboard's default port: the same every time, so a trainer's bookmark keeps working. */
export const DASHBOARD_PORT = 7070;

/** Real time a stop may take before the process exits anyway. */
const STOP_LIMIT_MS = 10_000;

/** The whole lab: the default mock Exchange organization and an IM&P node subscribed to every user. */
export function labCommand(): Command {
  return new Command('lab')
    .description(
      'start the built-in lab (npm start): the default mock Exchange organization and an IM&P node with every user subscribed',
    )
    .option('--ready-file <file>', 'write the lab addresses as JSON when everything is up')
    .option('--persist', 'keep the IM&P configuration in the data directory instead of in memory')
    .option('--data-dir <dir>', 'IM&P data directory used with --persist')
    .option('--dashboard-host <address>', 'address the dashboard listens on', '127.0.0.1')
    .option('--dashboard-port <port>', 'dashboard port (0: any free port)', String(DASHBOARD_PORT))
    .option('--release <release>', `IM and Presence release of the node (${RELEASE_NAMES.join(', ')})`, DEFAULT_RELEASE)
    .action(async (opts: LabCliOptions) => {
      // Who started us, before the seconds a lab takes to come up: a parent that dies meanwhile still counts.
      const startedBy = startingParent();
      const dashboardPort = Number(opts.dashboardPort);
      if (!Number.isInteger(dashboardPort) || dashboardPort < 0 || dashboardPort > 65535)
        throw new CliError(`--dashboard-port must be a port number from 0 to 65535, got "${opts.dashboardPort}"`);
      if (!RELEASE_NAMES.includes(opts.release))
        throw new CliError(`--release must be one of ${RELEASE_NAMES.join(', ')}, got "${opts.release}"`);
      // Virtual time from the wall clock on, so trainers can pause it, speed it up and jump ahead.
      let live: LiveLab;
      try {
        live = await createLiveLab({
          dataDir: opts.persist ? resolveDataDir(opts.dataDir) : ':memory:',
          release: opts.release,
        });
      } catch (err) {
        throw new CliError(`the lab could not start: ${(err as Error).message}`);
      }
      const { lab } = live;
      let dashboard: Dashboard;
      try {
        dashboard = await Dashboard.start(live, { host: opts.dashboardHost, port: dashboardPort });
      } catch (err) {
        live.driver.stop();
        await lab.stop();
        const busy = (err as NodeJS.ErrnoException).code === 'EADDRINUSE' ? '; try --dashboard-port 0' : '';
        throw new CliError(
          `the dashboard could not listen on ${opts.dashboardHost}:${dashboardPort}: ${(err as Error).message}${busy}`,
        );
      }
      const info = {
        dashboardUrl: dashboard.url,
        /** The dashboard address that logs a browser in (it sets a cookie and goes on to dashboardUrl). */
        dashboardLoginUrl: dashboard.loginUrl,
        /** The lab's admin token, for both admin APIs and the dashboard: `Authorization: Bearer <token>`. */
        token: lab.token,
        exchange: lab.exchange.readyInfo(),
        imp: {
          release: lab.imp.release.release,
          adminUrl: lab.impAdminUrl,
          presenceUrl: lab.presenceUrl,
          users: lab.imp.config.users.list().map((u) => u.userId),
          userPassword: LAB_USER_PASSWORD,
        },
      };
      if (opts.readyFile) {
        // 0600: it holds the admin token and the accounts' passwords.
        writePrivateFile(resolve(opts.readyFile), `${JSON.stringify(info, null, 2)}\n`);
      }
      // `pgsim exchange ...` finds the organization's admin API through this record.
      const exchangeState = recordRunningExchange(lab.exchange, opts.dataDir);
      // `pgsim client` and `pgsim user` find the in-memory node through the data directory.
      const forgetNode = opts.persist ? undefined : recordInMemoryNode(lab.impAdminUrl, lab.token, opts.dataDir);
      const tokenHome = [
        exchangeState,
        forgetNode && nodeStateFile(opts.dataDir),
        opts.readyFile && resolve(opts.readyFile),
      ]
        .filter(Boolean)
        .join(', ');
      const out = process.stdout;
      out.write(`pgsim lab is up. Dashboard: ${dashboard.loginUrl}\n`);
      for (const s of info.exchange.servers)
        out.write(`  Exchange ${s.name.padEnd(5)} ${s.ewsUrl}  (${s.ip}:${s.port})\n`);
      out.write(`  Exchange admin API:   ${info.exchange.adminUrl ?? '(none)'}\n`);
      out.write(`  IM&P admin API:       ${lab.impAdminUrl}\n`);
      out.write(`  Admin token:          in ${tokenHome} (Authorization: Bearer <token>)\n`);
      out.write(
        `  Presence feed:        ${lab.presenceUrl}  (users ${info.imp.users.join(', ')}; password "${LAB_USER_PASSWORD}")\n`,
      );
      out.write(`  Cisco Presence Engine: ${lab.imp.engine.state}\n`);
      out.write('Try: npx pgsim client --user alice --watch bob,carol,dave\nPress Ctrl-C to stop.\n');
      let stopping = false;
      const shutdown = (why: string) => {
        if (stopping) {
          // A second signal while closing: the user insists, so go now.
          process.stderr.write(`pgsim lab: ${why} while stopping; exiting at once\n`);
          process.exit(1);
        }
        stopping = true;
        stopWatching();
        forgetNode?.();
        if (exchangeState) forgetRunningExchange(exchangeState);
        // Closing never waits on a peer for long, but a stop must not hang a supervisor either.
        setTimeout(() => {
          process.stderr.write(`pgsim lab: still closing ${STOP_LIMIT_MS / 1000} s after ${why}; exiting\n`);
          process.exit(1);
        }, STOP_LIMIT_MS).unref();
        void dashboard
          .close()
          .then(() => live.driver.stop())
          .then(() => lab.stop())
          .then(
            () => process.exit(0),
            (err: Error) => {
              process.stderr.write(`pgsim lab: error while stopping: ${err.message}\n`);
              process.exit(1);
            },
          );
      };
      for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => shutdown(signal));
      // npm, a shell or an IDE killed without passing the signal on: the lab must not keep its ports.
      const stopWatching = watchParent((reason) => shutdown(reason), startedBy);
    });
}
