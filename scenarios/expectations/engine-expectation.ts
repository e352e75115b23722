import { t } from '../schema/spec.ts';
import { type Check, compare, expectation } from './expectation.ts';

export const engineExpectation = expectation({
  key: 'engine',
  summary: 'the Cisco Presence Engine: running or stopped, restart required or not',
  spec: t.object({
    state: t.optional(t.oneOf(['running', 'stopped'] as const)),
    restartRequired: t.optional(t.boolean()),
  }),
  check: async (lab, exp) => {
    const checks: Check[] = [];
    if (exp.state) checks.push(compare('engine state', exp.state, lab.imp.engine.state));
    if (exp.restartRequired !== undefined)
      checks.push(compare('engine restart required', exp.restartRequired, lab.imp.engine.restartRequired()));
    return checks;
  },
});
