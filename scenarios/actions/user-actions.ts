import { t } from '../schema/spec.ts';
import { action } from './action.ts';

/** End user settings on IM&P: enablement, meeting information in presence, the IM&P license. */
export const userActions = [
  action({
    name: 'user.update',
    summary: 'change an end user: IM&P enabled, include meeting information in presence (calendaring)',
    args: t.object({
      user: t.string().ref('user'),
      calendaring: t.optional(t.boolean()),
      impEnabled: t.optional(t.boolean()),
    }),
    run: async (lab, a) => {
      const { user, ...patch } = a;
      const u = lab.imp.config.users.update(user, patch);
      const set = Object.entries(patch).map(([k, v]) => `${k}=${String(v)}`);
      return { summary: `user ${u.userId}: ${set.join(', ')}`, data: u };
    },
  }),
  action({
    name: 'user.unlicense',
    summary: "remove the user's IM and Presence license (ends calendaring, logs the client out)",
    args: t.object({ user: t.string().ref('user') }),
    run: async (lab, a) => {
      lab.imp.unlicense(a.user);
      return { summary: `${a.user}: IM and Presence license removed` };
    },
  }),
];
