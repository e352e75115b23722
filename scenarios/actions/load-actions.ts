import { t } from '../schema/spec.ts';
import { action } from './action.ts';

/** Load runs: change how many of the generated users subscribe to calendar presence. */
export const loadActions = [
  action({
    name: 'load.subscribing',
    summary: 'enable calendaring for the first N % of the load users and disable it for the rest',
    args: t.object({ percent: t.int(0, 100) }),
    run: async (lab, a) => {
      const users = lab.plan.load?.users;
      if (!users) throw new Error('load.subscribing needs a lab with `load`');
      const n = Math.round((users.length * a.percent) / 100);
      lab.imp.config.db.transaction(() => {
        for (const [i, u] of users.entries()) lab.imp.config.users.update(u, { calendaring: i < n });
      });
      return { summary: `calendaring enabled for ${n} of ${users.length} users (${a.percent} %)` };
    },
  }),
];
