import { Command } from 'commander';
import type { PresenceGateway } from '../../gateway/config/gateway-store.ts';
import { formatTable } from '../../scenarios/reporters/format-table.ts';
import { addPasswordFileOption, readPassword } from '../password-input.ts';
import { addDataDirOption, type DataDirOptions, print, withConfig } from './imp-common.ts';

interface GatewayOptions extends DataDirOptions {
  host?: string;
  port?: string;
  description?: string;
  accountName?: string;
  accountPassword?: string;
  accountPasswordFile?: string;
  accountAuth?: string;
}

const RESTART_NOTE = 'Presence Engine restart required: the running engine uses the configuration it loaded at start.';

function table(gws: PresenceGateway[]): string {
  if (gws.length === 0) return 'No Presence Gateways configured.';
  return formatTable(
    ['order', 'id', 'type', 'presence gateway', 'port', 'localecalendarname', 'description'],
    gws.map((g) => [g.order, g.id, g.type, g.host, g.port, g.localecalendarname, g.description]),
  );
}

function withAccount(cmd: Command): Command {
  return addPasswordFileOption(
    cmd
      .option('--account-name <name>', 'impersonation account (shared by every EWS gateway)')
      .option('--account-password <password>', 'impersonation account password'),
    'account-password',
    ACCOUNT_PASSWORD_ENV,
  ).option('--account-auth <method>', 'how the account authenticates on /EWS: Basic or NTLM (NTLMv2)');
}

const ACCOUNT_PASSWORD_ENV = 'PGSIM_ACCOUNT_PASSWORD';

/** The account password from --account-password, its file, PGSIM_ACCOUNT_PASSWORD or a prompt, when an account is set. */
async function accountPassword(opts: GatewayOptions): Promise<string> {
  if (opts.accountName === undefined) return '';
  const pw = await readPassword({
    value: opts.accountPassword,
    file: opts.accountPasswordFile,
    env: ACCOUNT_PASSWORD_ENV,
    label: 'impersonation account password',
    promptIfMissing: true,
  });
  return pw ?? '';
}

export function gatewayCommand(): Command {
  const gateway = new Command('gateway').description(
    'Presence Gateway entries (pebackendgateway): add, update, delete, list',
  );

  gateway.addCommand(
    addDataDirOption(
      withAccount(
        new Command('add')
          .description('add an "Exchange - EWS Server" Presence Gateway')
          .requiredOption('--host <fqdn-or-ip>', 'Presence Gateway: the Exchange server FQDN or IP')
          .option('--port <port>', 'Presence Gateway Port', '443')
          .option('--description <text>', 'description', '')
          .option('--json', 'print the new entry as JSON'),
      ).action(async (opts: GatewayOptions) => {
        const password = await accountPassword(opts);
        const gw = withConfig(opts, (c) =>
          c.db.transaction(() => {
            if (opts.accountName !== undefined) c.gateways.setAccount(opts.accountName, password, opts.accountAuth);
            return c.addGateway({ host: opts.host ?? '', port: opts.port, description: opts.description });
          }),
        );
        print(
          opts,
          gw,
          () =>
            `Added Presence Gateway ${gw.host}:${gw.port} (${gw.id}), localecalendarname ${gw.localecalendarname}.\n${RESTART_NOTE}`,
        );
      }),
    ),
  );

  gateway.addCommand(
    addDataDirOption(
      withAccount(
        new Command('update')
          .description('change a Presence Gateway (by id or host)')
          .argument('<gateway>', 'gateway id or host')
          .option('--host <fqdn-or-ip>', 'new Presence Gateway value')
          .option('--port <port>', 'new port')
          .option('--description <text>', 'new description')
          .option('--json', 'print the entry as JSON'),
      ).action(async (ref: string, opts: GatewayOptions) => {
        const password = await accountPassword(opts);
        const gw = withConfig(opts, (c) =>
          c.db.transaction(() => {
            if (opts.accountName !== undefined) c.gateways.setAccount(opts.accountName, password, opts.accountAuth);
            return c.gateways.update(ref, { host: opts.host, port: opts.port, description: opts.description });
          }),
        );
        print(opts, gw, () => `Updated Presence Gateway ${gw.id}: ${gw.host}:${gw.port}.\n${RESTART_NOTE}`);
      }),
    ),
  );

  gateway.addCommand(
    addDataDirOption(
      new Command('delete')
        .description('delete a Presence Gateway (by id or host)')
        .argument('<gateway>', 'gateway id or host')
        .option('--json', 'print the deleted entry as JSON')
        .action((ref: string, opts: GatewayOptions) => {
          const gw = withConfig(opts, (c) => c.gateways.delete(ref));
          print(opts, gw, () => `Deleted Presence Gateway ${gw.host}:${gw.port} (${gw.id}).\n${RESTART_NOTE}`);
        }),
    ),
  );

  gateway.addCommand(
    addDataDirOption(
      new Command('list')
        .description('list Presence Gateways in configured order')
        .option('--json', 'print as JSON')
        .action((opts: GatewayOptions) => {
          const { gateways, account } = withConfig(opts, (c) => ({
            gateways: c.gateways.list(),
            account: c.gateways.account(),
          }));
          print(
            opts,
            { gateways, accountName: account?.accountName ?? null, authMethod: account?.authMethod ?? null },
            () =>
              [
                table(gateways),
                `Impersonation account: ${account ? `${account.accountName} (${account.authMethod})` : '(not set)'}`,
              ].join('\n'),
          );
        }),
    ),
  );
  return gateway;
}
