import { describe, expect, it } from 'vitest';
import { ThrottlingPolicies } from '../../../../mock-exchange/notifications/throttling-policies.ts';

describe('account throttling policies', () => {
  it('an account without a policy of its own adds no subscription limit to the server policy (GlobalThrottlingPolicy 5,000 lives there)', () => {
    const policies = new ThrottlingPolicies();
    expect(policies.policy('svc-imp')).toEqual({ ewsMaxSubscriptions: null, hangingConnectionLimit: 3 });
    expect(() => policies.checkSubscribe('svc-imp', 15_000)).not.toThrow();
  });

  it("an account's own EWSMaxSubscriptions refuses the subscription that would exceed it, whatever the case of the name", () => {
    const policies = new ThrottlingPolicies({}, { 'SVC-IMP': { ewsMaxSubscriptions: 2 } });
    expect(() => policies.checkSubscribe('svc-imp', 1)).not.toThrow();
    expect(() => policies.checkSubscribe('svc-imp', 2)).toThrow(/EWSMaxSubscriptions 2/);
    expect(() => policies.checkSubscribe('other', 2)).not.toThrow();
  });
});
