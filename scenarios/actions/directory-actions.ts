import { NODE_LOCALES } from '../schema/lab-spec.ts';
import { t } from '../schema/spec.ts';
import { action } from './action.ts';

/** The corporate LDAP directory, Cisco Unified CM's sync from it, and the IM&P sync agent. */
export const directoryActions = [
  action({
    name: 'ldap.delete',
    summary: 'delete a user from the LDAP directory (nothing else notices until the next sync)',
    args: t.object({ user: t.string().ref('user') }),
    run: async (lab, a) => {
      const u = lab.imp.directory.ldap.delete(a.user);
      return { summary: `${u.userId} deleted from LDAP` };
    },
  }),
  action({
    name: 'ldap.reachable',
    summary: 'make the LDAP directory unreachable, or reachable again',
    args: t.object({ reachable: t.boolean() }),
    run: async (lab, a) => {
      lab.imp.directory.ldap.setReachable(a.reachable);
      return { summary: `LDAP directory ${a.reachable ? 'reachable' : 'unreachable'}` };
    },
  }),
  action({
    name: 'directory.sync',
    summary: 'LDAP synchronisation on Cisco Unified CM, then the IM&P sync agent',
    args: t.object({}),
    run: async (lab) => {
      const r = lab.imp.directory.sync();
      const pending = r.pendingRemoval.map((p) => `${p.userId} at ${new Date(p.at).toISOString()}`);
      return {
        summary: `directory sync: ${r.ldap.deactivated.length} now inactive on CUCM, ${r.added.length} added to IM&P, ${r.removed.length} removed${pending.length ? `; removal pending: ${pending.join(', ')}` : ''}`,
        data: r,
      };
    },
  }),
  action({
    name: 'cucm.user-locale',
    summary: 'set the user locale on Cisco Unified CM (applies only when its pack is on both nodes)',
    args: t.object({ user: t.string().ref('user'), locale: t.oneOf(NODE_LOCALES) }),
    run: async (lab, a) => {
      const u = lab.imp.directory.cucm.setLocale(a.user, a.locale);
      return {
        summary: `${u.userId}: user locale ${u.locale}${u.localeApplied ? '' : ' (not applied: the pack is not installed on both nodes)'}`,
      };
    },
  }),
];
