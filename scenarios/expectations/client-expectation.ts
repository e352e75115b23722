import { t } from '../schema/spec.ts';
import { compare, expectation } from './expectation.ts';

/** Whether a user's client is still logged in to the node. */
export const clientExpectation = expectation({
  key: 'client',
  summary: 'whether the client of a user is connected',
  spec: t.record(t.oneOf(['connected', 'disconnected'] as const), 'user'),
  check: async (lab, exp) =>
    Object.entries(exp).map(([user, state]) => {
      const clients = lab.clientsOf(user);
      const onNode = lab.imp.feed?.loggedIn().includes(user.toLowerCase()) ?? false;
      const observed = clients.some((c) => c.connected) && onNode ? 'connected' : 'disconnected';
      const c = compare(`client ${user}`, state, observed);
      const reason = clients.find((x) => x.logoutReason)?.logoutReason;
      return reason ? { ...c, observed: `${observed} (logged out: ${reason})`, ok: c.ok } : c;
    }),
});
