import { t } from '../schema/spec.ts';
import { action } from './action.ts';

/** A user's Jabber-like client on the presence feed. */
export const clientActions = [
  action({
    name: 'client.login',
    summary: 'a user logs in to the client (the presence feed)',
    args: t.object({ user: t.string().ref('user'), password: t.optional(t.string()) }),
    run: async (lab, a) => {
      const refused = await lab.login(a.user, a.password);
      return {
        summary: refused ? `login refused for ${a.user}: ${refused}` : `${a.user} logged in`,
        data: { refused },
      };
    },
  }),
  action({
    name: 'client.set',
    summary: 'the user sets their own state in the client',
    args: t.object({ user: t.string().ref('user'), state: t.oneOf(['available', 'away', 'dnd'] as const) }),
    run: async (lab, a) => {
      const c = lab.clients.get(a.user);
      if (!c?.connected) throw new Error(`${a.user} has no client logged in`);
      c.set(a.state);
      await lab.time.settle();
      return { summary: `${a.user} sets ${a.state}` };
    },
  }),
  action({
    name: 'client.logout',
    summary: 'the user closes the client',
    args: t.object({ user: t.string().ref('user') }),
    run: async (lab, a) => {
      await lab.time.drive(lab.clients.get(a.user)?.close() ?? Promise.resolve());
      lab.clients.delete(a.user);
      return { summary: `${a.user} logged out` };
    },
  }),
];
