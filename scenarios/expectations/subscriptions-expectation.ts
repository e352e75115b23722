import { t } from '../schema/spec.ts';
import { type Check, compare, expectation } from './expectation.ts';

/** The Exchange side: which server holds the subscriptions of a mailbox. */
export const subscriptionsExpectation = expectation({
  key: 'subscriptions',
  summary: 'Exchange subscriptions per mailbox (count, holding server)',
  spec: t.record(t.object({ count: t.optional(t.int(0)), server: t.optional(t.string().ref('server')) }), 'mailbox'),
  check: async (lab, exp, observe) => {
    const checks: Check[] = [];
    observe(
      Object.keys(exp).map((mailbox) => ({ mailbox, subscriptions: lab.exchange.admin.subscriptions({ mailbox }) })),
    );
    for (const [mailbox, want] of Object.entries(exp)) {
      const subs = lab.exchange.admin.subscriptions({ mailbox });
      if (want.count !== undefined) checks.push(compare(`subscriptions ${mailbox} count`, want.count, subs.length));
      if (want.server !== undefined)
        checks.push(
          compare(`subscriptions ${mailbox} held by`, [want.server], [...new Set(subs.map((s) => s.server))]),
        );
    }
    return checks;
  },
});
