import { describeLoad } from '../load/load-tracker.ts';
import { t } from '../schema/spec.ts';
import { type Check, compare, expectation } from './expectation.ts';

/** A load run against its release profile: how many subscribe, how many transition in the busiest minute. */
export const loadExpectation = expectation({
  key: 'load',
  summary: 'where a load run stands against the validated limits of its release',
  spec: t.object({
    within: t.optional(t.boolean()),
    subscribing: t.optional(t.int(0).describe('users subscribed to calendar presence')),
    transitions: t.optional(t.int(0).describe('users whose calendar changed in the busiest minute')),
    publishedWithinSpread: t.optional(
      t.int(0).describe("of the busiest minute's transitions, those published within Calendar Spread"),
    ),
  }),
  check: async (lab, exp) => {
    if (!lab.load) return [{ what: 'load', expected: 'a lab with `load`', observed: 'no load in this lab', ok: false }];
    const subscribed = lab.plan.load!.users.filter((u) => lab.imp.calendars.get(u)?.status === 'subscribed').length;
    const report = lab.load.report(subscribed);
    const checks: Check[] = [
      { what: 'load', expected: 'a report', observed: describeLoad(report), ok: true, note: true },
    ];
    if (exp.subscribing !== undefined)
      checks.push(compare('load users subscribed', exp.subscribing, report.subscribing.count));
    if (exp.transitions !== undefined)
      checks.push(compare('load simultaneous transitions', exp.transitions, report.transitions.count));
    if (exp.publishedWithinSpread !== undefined)
      checks.push(
        compare(
          'load transitions published within Calendar Spread',
          exp.publishedWithinSpread,
          report.publishedWithinSpread,
        ),
      );
    if (exp.within !== undefined) checks.push(compare('load within validated limits', exp.within, report.within));
    return checks;
  },
});
