import { Command } from 'commander';
import type { UserView } from '../../gateway/admin-user-routes.ts';
import type { EndUser, UserInput } from '../../gateway/config/user-store.ts';
import { formatTable } from '../../scenarios/reporters/format-table.ts';
import { CliError } from '../cli-error.ts';
import { callNode, runningNodeUrl } from '../node-client.ts';
import { readPassword } from '../password-input.ts';
import { addDataDirOption, type DataDirOptions, print, withConfig } from './imp-common.ts';

interface UserOptions extends DataDirOptions {
  mailbox?: string;
  password?: string;
  passwordFile?: string;
  displayName?: string;
  locale?: string;
  imp?: string | boolean;
  calendaring?: string | boolean;
  license?: string | boolean;
}

type Listed = EndUser & Partial<Pick<UserView, 'subscription' | 'presence'>>;

/** on/off (also true/false, yes/no) as a boolean; anything else is an error naming the option. */
export function onOff(value: string, what: string): boolean {
  const v = value.trim().toLowerCase();
  if (['on', 'true', 'yes', 'enabled'].includes(v)) return true;
  if (['off', 'false', 'no', 'disabled'].includes(v)) return false;
  throw new CliError(`${what} must be on or off, got "${value}"`);
}

const yesNo = (b: boolean) => (b ? 'yes' : 'no');

function table(users: Listed[]): string {
  if (users.length === 0) return 'No end users.';
  const running = users.some((u) => u.presence !== undefined);
  const head = ['user ID', 'mailbox', 'IM&P', 'meeting info in presence', 'licensed', 'locale'];
  return formatTable(
    running ? [...head, 'calendar subscription', 'presence'] : head,
    users.map((u) => {
      const row: (string | number)[] = [
        u.userId,
        u.mailbox,
        yesNo(u.impEnabled),
        yesNo(u.calendaring),
        yesNo(u.licensed),
        u.locale,
      ];
      if (!running) return row;
      const s = u.subscription;
      return [...row, s ? `${s.status}${s.gateway ? ` via ${s.gateway}` : ''}` : '-', u.presence?.label ?? ''];
    }),
  );
}

/**
 * Act on the running node through its admin API (the engine reacts at once, as IM&P does for these
 * settings), or on the data directory when no node runs.
 */
async function withUsers<T>(
  opts: DataDirOptions,
  remote: (url: string) => Promise<T>,
  local: (users: import('../../gateway/config/user-store.ts').UserStore) => T,
): Promise<T> {
  const url = runningNodeUrl(opts.dataDir);
  return url ? remote(url) : withConfig(opts, (c) => local(c.users));
}

const path = (userId: string) => `/users/${encodeURIComponent(userId)}`;

function describeUser(u: EndUser): string {
  return `${u.userId} <${u.mailbox}>: IM&P ${u.impEnabled ? 'enabled' : 'disabled'}, meeting information in presence ${u.calendaring ? 'on' : 'off'}, ${u.licensed ? 'licensed' : 'unlicensed'}`;
}

export const USER_PASSWORD_ENV = 'PGSIM_USER_PASSWORD';

/** The client-login password from --password, --password-file or PGSIM_USER_PASSWORD ('-' prompts). */
function userPassword(opts: UserOptions): Promise<string | undefined> {
  return readPassword({ value: opts.password, file: opts.passwordFile, env: USER_PASSWORD_ENV, label: 'password' });
}

async function patchFrom(opts: UserOptions): Promise<Partial<Omit<UserInput, 'userId'>>> {
  const patch: Partial<Omit<UserInput, 'userId'>> = {};
  if (opts.mailbox !== undefined) patch.mailbox = opts.mailbox;
  const password = await userPassword(opts);
  if (password !== undefined) patch.password = password;
  if (opts.displayName !== undefined) patch.displayName = opts.displayName;
  if (opts.locale !== undefined) patch.locale = opts.locale;
  if (typeof opts.imp === 'string') patch.impEnabled = onOff(opts.imp, '--imp');
  if (typeof opts.calendaring === 'string') patch.calendaring = onOff(opts.calendaring, '--calendaring');
  if (typeof opts.license === 'string') patch.licensed = onOff(opts.license, '--license');
  return patch;
}

async function update(userId: string, patch: Partial<Omit<UserInput, 'userId'>>, opts: DataDirOptions) {
  return withUsers<EndUser>(
    opts,
    async (url) => (await callNode<{ user: EndUser }>(url, 'PATCH', path(userId), patch)).user,
    (users) => {
      if (!users.get(userId)) throw new CliError(`No end user "${userId}"`);
      return users.update(userId, patch);
    },
  );
}

export function userCommand(): Command {
  const user = new Command('user').description(
    'end users on the IM&P node: add, update, delete, list, and "include meeting information in presence" (calendaring on|off)',
  );

  user.addCommand(
    addDataDirOption(
      new Command('add')
        .description('add an end user enabled for IM&P, with meeting information in presence, licensed')
        .argument('<user>', 'user ID')
        .requiredOption('--mailbox <address>', 'mail ID: the Exchange mailbox')
        .option('--password <password>', 'password for client logins (presence feed); - prompts')
        .option(
          '--password-file <path>',
          `read the password from the first line of a file (or set ${USER_PASSWORD_ENV})`,
        )
        .option('--display-name <name>', 'display name')
        .option('--locale <locale>', 'user locale, e.g. en_US')
        .option('--no-imp', 'not enabled for IM and Presence')
        .option('--no-calendaring', 'without "include meeting information in presence"')
        .option('--no-license', 'without an IM&P license')
        .option('--json', 'print the user as JSON'),
    ).action(async (userId: string, opts: UserOptions) => {
      const input: UserInput = {
        userId,
        mailbox: opts.mailbox ?? '',
        password: await userPassword(opts),
        displayName: opts.displayName,
        locale: opts.locale,
        impEnabled: opts.imp !== false,
        calendaring: opts.calendaring !== false,
        licensed: opts.license !== false,
      };
      const body = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
      const u = await withUsers<EndUser>(
        opts,
        async (url) => (await callNode<{ user: EndUser }>(url, 'POST', '/users', body)).user,
        (users) => users.add(input),
      );
      print(opts, u, () => `Added end user ${describeUser(u)}.`);
    }),
  );

  user.addCommand(
    addDataDirOption(
      new Command('update')
        .description('change an end user; a running Presence Engine acts on it at once')
        .argument('<user>', 'user ID')
        .option('--mailbox <address>', 'new mail ID (the engine subscribes to the new mailbox)')
        .option('--password <password>', 'new password for client logins; - prompts')
        .option(
          '--password-file <path>',
          `read the password from the first line of a file (or set ${USER_PASSWORD_ENV})`,
        )
        .option('--display-name <name>', 'new display name')
        .option('--locale <locale>', 'new user locale')
        .option('--imp <on|off>', 'enabled for IM and Presence')
        .option('--calendaring <on|off>', '"include meeting information in presence"')
        .option('--license <on|off>', 'IM&P license (off ends the subscription and logs the clients out)')
        .option('--json', 'print the user as JSON'),
    ).action(async (userId: string, opts: UserOptions) => {
      const patch = await patchFrom(opts);
      if (Object.keys(patch).length === 0) throw new CliError('nothing to update: give at least one option');
      const u = await update(userId, patch, opts);
      print(opts, u, () => `Updated end user ${describeUser(u)}.`);
    }),
  );

  user.addCommand(
    addDataDirOption(
      new Command('calendaring')
        .description('turn "include meeting information in presence" on or off for a user (off then on re-subscribes)')
        .argument('<user>', 'user ID')
        .argument('<on|off>', 'on or off')
        .option('--json', 'print the user as JSON'),
    ).action(async (userId: string, state: string, opts: DataDirOptions) => {
      const u = await update(userId, { calendaring: onOff(state, 'calendaring') }, opts);
      print(opts, u, () => `Meeting information in presence for ${u.userId}: ${u.calendaring ? 'on' : 'off'}.`);
    }),
  );

  user.addCommand(
    addDataDirOption(
      new Command('unlicense')
        .description(
          "remove the IM&P license: the calendar subscription ends and the user's clients are logged out at once",
        )
        .argument('<user>', 'user ID')
        .option('--json', 'print the user as JSON'),
    ).action(async (userId: string, opts: DataDirOptions) => {
      const u = await withUsers<EndUser>(
        opts,
        async (url) => (await callNode<{ user: EndUser }>(url, 'POST', `${path(userId)}/unlicense`)).user,
        (users) => {
          if (!users.get(userId)) throw new CliError(`No end user "${userId}"`);
          return users.update(userId, { licensed: false });
        },
      );
      print(
        opts,
        u,
        () => `Removed the IM and Presence license of ${u.userId}: calendar subscription ended, clients logged out.`,
      );
    }),
  );

  user.addCommand(
    addDataDirOption(
      new Command('delete')
        .description('delete an end user from the IM&P node')
        .argument('<user>', 'user ID')
        .option('--json', 'print the deleted user as JSON'),
    ).action(async (userId: string, opts: DataDirOptions) => {
      const u = await withUsers<EndUser>(
        opts,
        async (url) => (await callNode<{ user: EndUser }>(url, 'DELETE', path(userId))).user,
        (users) => {
          if (!users.get(userId)) throw new CliError(`No end user "${userId}"`);
          return users.delete(userId);
        },
      );
      print(opts, u, () => `Deleted end user ${u.userId}.`);
    }),
  );

  user.addCommand(
    addDataDirOption(
      new Command('list')
        .description('list end users; with a running node, also each calendar subscription and presence')
        .option('--json', 'print as JSON'),
    ).action(async (opts: DataDirOptions) => {
      const users = await withUsers<Listed[]>(
        opts,
        async (url) => (await callNode<{ users: UserView[] }>(url, 'GET', '/users')).users,
        (store) => store.list(),
      );
      print(opts, users, () => table(users));
    }),
  );
  return user;
}
