import { t } from '../schema/spec.ts';
import { compare, expectation } from './expectation.ts';

const STATES = ['free', 'busy', 'oof', 'unknown'] as const;

/**
 * The calendar state the gateway holds per user, whatever the client shows: what a load or subscription
 * case is about when nobody is logged in (presence then reads Offline).
 */
export const calendarStateExpectation = expectation({
  key: 'calendarState',
  summary: 'the calendar state the gateway holds per user (busy, free, oof, unknown), apart from the client',
  spec: t.record(t.oneOf(STATES), 'user'),
  check: async (lab, exp, observe) => {
    observe(
      Object.fromEntries(lab.imp.config.users.list().map((u) => [u.userId, lab.imp.presence.get(u.userId).calendar])),
    );
    return Object.entries(exp).map(([user, state]) =>
      compare(`calendar state ${user}`, state, lab.imp.presence.get(user).calendar),
    );
  },
});
