import { t } from '../schema/spec.ts';
import { action } from './action.ts';

/** A user's Jabber-like client on the presence feed. */
export const clientActions = [
  action({
    name: 'client.login',
    summary: 'a user logs in from a client (the presence feed); another login adds a second client',
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
      const clients = lab.clientsOf(a.user).filter((c) => c.connected);
      if (clients.length === 0) throw new Error(`${a.user} has no client logged in`);
      for (const c of clients) c.set(a.state);
      await lab.time.settle();
      return { summary: `${a.user} sets ${a.state}` };
    },
  }),
  action({
    name: 'client.calendaring',
    summary: "the user turns meeting information in presence off or on from the client's own settings",
    args: t.object({ user: t.string().ref('user'), on: t.boolean() }),
    run: async (lab, a) => {
      const clients = lab.clientsOf(a.user).filter((c) => c.connected);
      if (clients.length === 0) throw new Error(`${a.user} has no client logged in`);
      clients[0]!.calendaring(a.on);
      // The toggle travels over the feed's socket: yield until the node has it (bounded by loop turns).
      for (let turn = 0; turn < 10_000 && lab.imp.config.users.get(a.user)?.calendaring !== a.on; turn++)
        await new Promise((r) => setImmediate(r));
      if (lab.imp.config.users.get(a.user)?.calendaring !== a.on)
        throw new Error(`the node did not receive ${a.user}'s calendaring toggle`);
      await lab.time.settle();
      return { summary: `${a.user} turns calendaring ${a.on ? 'on' : 'off'} in the client` };
    },
  }),
  action({
    name: 'client.logout',
    summary: 'the user closes the client',
    args: t.object({ user: t.string().ref('user') }),
    run: async (lab, a) => {
      await lab.time.drive(Promise.all(lab.clientsOf(a.user).map((c) => c.close())));
      lab.clients.delete(a.user.toLowerCase());
      return { summary: `${a.user} logged out` };
    },
  }),
];
