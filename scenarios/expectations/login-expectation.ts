import { t } from '../schema/spec.ts';
import { compare, expectation } from './expectation.ts';

/** The answer to a user's latest login attempt (client.login). */
export const loginExpectation = expectation({
  key: 'login',
  summary: "whether the user's latest client login was accepted or refused",
  spec: t.record(t.oneOf(['accepted', 'refused'] as const), 'user'),
  check: async (lab, exp) =>
    Object.entries(exp).map(([user, want]) => {
      const key = user.toLowerCase();
      if (!lab.lastLogin.has(key)) return compare(`login ${user}`, want, 'no login attempted');
      const refused = lab.lastLogin.get(key);
      const c = compare(`login ${user}`, want, refused === undefined ? 'accepted' : 'refused');
      return refused ? { ...c, observed: c.ok ? 'refused' : `refused (${refused})` } : c;
    }),
});
