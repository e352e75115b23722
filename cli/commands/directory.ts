import { Command } from 'commander';
import type { EndUser } from '../../gateway/config/user-store.ts';
import type { CucmEndUser } from '../../gateway/directory/cucm-end-users.ts';
import type { DirectorySyncResult } from '../../gateway/directory/directory.ts';
import type { LdapUser } from '../../gateway/directory/ldap-directory.ts';
import type { InstalledLocale, LocaleNode } from '../../gateway/directory/locale-store.ts';
import { formatTable } from '../../scenarios/reporters/format-table.ts';
import { callNode } from '../node-client.ts';
import { readPassword } from '../password-input.ts';
import { addDataDirOption, type StatusOptions, withNode } from './imp-common.ts';

type Opts = StatusOptions;
const out = (opts: Opts, value: unknown, text: string) =>
  process.stdout.write(`${opts.json ? JSON.stringify(value, null, 2) : text}\n`);
const json = (cmd: Command) => addDataDirOption(cmd.option('--json', 'print as JSON'));

function syncText(r: DirectorySyncResult): string {
  const lines = [
    `LDAP -> Cisco Unified CM: ${r.ldap.added.length} added, ${r.ldap.deactivated.length} now inactive, ${r.ldap.reactivated.length} active again.`,
    `IM&P sync agent: ${r.added.length} added, ${r.removed.length} removed.`,
  ];
  for (const p of r.pendingRemoval)
    lines.push(
      `  ${p.userId} will be removed from IM&P at ${new Date(p.at).toISOString()} (24 hours after going inactive).`,
    );
  return lines.join('\n');
}

export function directoryCommand(): Command {
  const dir = new Command('directory').description(
    'the LDAP directory, Cisco Unified CM end users and the IM&P sync agent',
  );
  dir.addCommand(
    json(new Command('sync').description('synchronise LDAP to Cisco Unified CM, then run the IM&P sync agent')).action(
      async (opts: Opts) => {
        const r = await withNode<DirectorySyncResult>(
          opts,
          (u) => callNode(u, 'POST', '/directory/sync'),
          async (n) => n.directory.sync(),
        );
        out(opts, r, syncText(r));
      },
    ),
  );
  dir.addCommand(
    json(new Command('list').description('users in LDAP, on Cisco Unified CM and on the IM&P node')).action(
      async (opts: Opts) => {
        type View = { ldapReachable: boolean; ldap: LdapUser[]; cucm: CucmEndUser[]; imp: EndUser[] };
        const v = await withNode<View>(
          opts,
          (u) => callNode(u, 'GET', '/directory'),
          async (n) => ({
            ldapReachable: n.directory.ldap.reachable,
            ldap: n.directory.ldap.list(),
            cucm: n.directory.cucm.list(),
            imp: n.config.users.list(),
          }),
        );
        const ids = [
          ...new Set([...v.ldap.map((u) => u.userId), ...v.cucm.map((u) => u.userId), ...v.imp.map((u) => u.userId)]),
        ].sort();
        const rows = ids.map((id) => {
          const c = v.cucm.find((u) => u.userId === id);
          const i = v.imp.find((u) => u.userId === id);
          return [
            id,
            v.ldap.some((u) => u.userId === id) ? 'yes' : 'no',
            c
              ? `${c.status}${c.inactiveSince !== undefined ? ` since ${new Date(c.inactiveSince).toISOString()}` : ''}`
              : '-',
            c ? `${c.locale}${c.localeApplied ? '' : ' (not applied)'}` : '-',
            i ? `${i.licensed ? 'licensed' : 'unlicensed'}${i.calendaring ? ', calendaring' : ''}` : '-',
          ];
        });
        out(
          opts,
          v,
          `${formatTable(['user', 'LDAP', 'CUCM', 'CUCM locale', 'IM&P'], rows)}\nLDAP directory: ${v.ldapReachable ? 'reachable' : 'UNREACHABLE'}`,
        );
      },
    ),
  );
  const ldap = new Command('ldap').description(
    'change the LDAP directory (what the customer does in Active Directory)',
  );
  ldap.addCommand(
    json(
      new Command('add')
        .argument('<user>', 'user id')
        .requiredOption('--mail <address>', 'mail attribute (the Exchange mailbox)')
        .option('--password <password>', 'directory password (default "cisco"); - prompts')
        .option(
          '--password-file <path>',
          'read the password from the first line of a file (or set PGSIM_USER_PASSWORD)',
        )
        .option('--display-name <name>', 'display name'),
    ).action(
      async (
        user: string,
        opts: Opts & { mail: string; password?: string; passwordFile?: string; displayName?: string },
      ) => {
        const password =
          (await readPassword({
            value: opts.password,
            file: opts.passwordFile,
            env: 'PGSIM_USER_PASSWORD',
            label: 'password',
          })) ?? 'cisco';
        const body = { userId: user, mail: opts.mail, password, displayName: opts.displayName ?? user };
        const r = await withNode(
          opts,
          (u) => callNode(u, 'POST', '/directory/ldap', body),
          async (n) => ({ user: n.directory.ldap.add(body) }),
        );
        out(opts, r, `Added ${user} to LDAP. Run "pgsim directory sync" to bring it to Cisco Unified CM and IM&P.`);
      },
    ),
  );
  ldap.addCommand(
    json(new Command('delete').argument('<user>', 'user id')).action(async (user: string, opts: Opts) => {
      const r = await withNode(
        opts,
        (u) => callNode(u, 'DELETE', `/directory/ldap/${encodeURIComponent(user)}`),
        async (n) => ({ deleted: n.directory.ldap.delete(user) }),
      );
      out(
        opts,
        r,
        `Deleted ${user} from LDAP. Cisco Unified CM marks the user inactive at the next sync; IM&P removes the user 24 hours after that.`,
      );
    }),
  );
  for (const state of ['down', 'up'] as const) {
    ldap.addCommand(
      json(
        new Command(state).description(
          `make the LDAP directory ${state === 'down' ? 'unreachable' : 'reachable again'}`,
        ),
      ).action(async (opts: Opts) => {
        const reachable = state === 'up';
        const r = await withNode(
          opts,
          (u) => callNode(u, 'PUT', '/directory/ldap/reachable', { reachable }),
          async (n) => {
            n.directory.ldap.setReachable(reachable);
            return { ldapReachable: reachable };
          },
        );
        out(opts, r, `LDAP directory is ${reachable ? 'reachable' : 'unreachable'}.`);
      }),
    );
  }
  dir.addCommand(ldap);
  dir.addCommand(
    json(
      new Command('user-locale')
        .description('set an end user locale on Cisco Unified CM')
        .argument('<user>', 'user id')
        .argument('<locale>', 'e.g. de_DE'),
    ).action(async (user: string, locale: string, opts: Opts) => {
      const r = await withNode<{ user: CucmEndUser }>(
        opts,
        (u) => callNode(u, 'PUT', `/directory/cucm/${encodeURIComponent(user)}/locale`, { locale }),
        async (n) => ({ user: n.directory.cucm.setLocale(user, locale) }),
      );
      out(
        opts,
        r,
        r.user.localeApplied
          ? `${user}: user locale ${locale} set on Cisco Unified CM.`
          : `${user}: user locale ${locale} recorded, but the locale is not installed on both IM&P and Cisco Unified CM, so it does not take effect; set it again after installing.`,
      );
    }),
  );
  return dir;
}

export function localeCommand(): Command {
  const loc = new Command('locale').description('locale packs on the IM&P node and on Cisco Unified CM');
  loc.addCommand(
    json(
      new Command('install')
        .argument('<locale>', 'en_US, de_DE, fr_FR, es_ES, it_IT, nl_NL, pt_BR or ja_JP')
        .requiredOption('--on <node>', 'imp or cucm'),
    ).action(async (locale: string, opts: Opts & { on: LocaleNode }) => {
      const r = await withNode<{ installed: InstalledLocale }>(
        opts,
        (u) => callNode(u, 'POST', '/locales', { locale, on: opts.on }),
        async (n) => ({ installed: n.directory.locales.install(locale, opts.on) }),
      );
      out(
        opts,
        r,
        `Installed ${locale} (calendar word "${r.installed.calendarWord}") on ${opts.on === 'imp' ? 'the IM and Presence node; restart it ("pgsim imp restart") to activate it' : 'Cisco Unified CM'}.`,
      );
    }),
  );
  loc.addCommand(
    json(new Command('list').description('installed locale packs and the active IM&P locale')).action(
      async (opts: Opts) => {
        const r = await withNode<{ installed: InstalledLocale[]; active: string }>(
          opts,
          (u) => callNode(u, 'GET', '/locales'),
          async (n) => ({ installed: n.directory.locales.list(), active: n.config.settings.activeLocale() }),
        );
        out(
          opts,
          r,
          `${formatTable(
            ['node', 'locale', 'calendar word'],
            r.installed.map((l) => [l.node, l.locale, l.calendarWord]),
          )}\nActive locale on the IM&P node: ${r.active}`,
        );
      },
    ),
  );
  return loc;
}
