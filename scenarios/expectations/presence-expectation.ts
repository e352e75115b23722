import type { PresenceLabel } from '../../gateway/presence/presence-composer.ts';
import { t } from '../schema/spec.ts';
import { compare, expectation } from './expectation.ts';

const LABELS: readonly PresenceLabel[] = [
  'Offline',
  'Available',
  'Away',
  'Do Not Disturb',
  'In a meeting',
  'Out of Office',
];

/** The presence the node publishes for each user, as contacts see it. */
export const presenceExpectation = expectation({
  key: 'presence',
  summary: 'the published presence of users (In a meeting, Available, ...)',
  spec: t.record(t.oneOf(LABELS), 'user'),
  check: async (lab, exp, observe) => {
    observe(Object.fromEntries(lab.imp.config.users.list().map((u) => [u.userId, lab.imp.presence.get(u.userId)])));
    return Object.entries(exp).map(([user, label]) =>
      compare(`presence ${user}`, label, lab.imp.presence.get(user).label),
    );
  },
});
