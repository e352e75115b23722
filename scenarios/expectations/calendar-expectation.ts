import { t } from '../schema/spec.ts';
import { compare, expectation } from './expectation.ts';

const STATES = ['subscribing', 'subscribed', 'retrying', 'folder-not-found', 'stopped', 'none'] as const;

/** The Presence Engine's calendar subscription per user (none: the engine does not watch that calendar). */
export const calendarExpectation = expectation({
  key: 'calendar',
  summary: "the Presence Engine's calendar subscription state per user",
  spec: t.record(t.oneOf(STATES), 'user'),
  check: async (lab, exp, observe) => {
    observe(lab.imp.calendars.list().map(({ blocks, ...s }) => ({ ...s, meetings: blocks.length })));
    return Object.entries(exp).map(([user, state]) => {
      const sub = lab.imp.calendars.get(user);
      const c = compare(`calendar ${user}`, state, sub?.status ?? 'none');
      return sub?.reason && !c.ok ? { ...c, observed: `${sub.status} (${sub.reason})` } : c;
    });
  },
});
