import { describe, expect, it } from 'vitest';
import { OperationBench } from '../../../support/operation-call.ts';
import { pullXml, pushXml, subscribeMessage } from '../../../support/subscribe-call.ts';
import { testOrgConfig } from '../../../support/test-org.ts';

const ALICE = { mailbox: 'alice@example.test' };

/** The test organization with ex1's EWSMaxSubscriptions set (null: Unlimited). */
function benchWithLimit(max: number | null): OperationBench {
  const config = testOrgConfig();
  config.servers = config.servers.map((s) =>
    s.name === 'ex1' ? { ...s, throttling: { EWSMaxSubscriptions: max } } : s,
  );
  return new OperationBench(config);
}

describe("Subscribe: the receiving server's EWSMaxSubscriptions", () => {
  it('allows exactly EWSMaxSubscriptions subscriptions per account, then answers ErrorExceededSubscriptionCount', async () => {
    const bench = benchWithLimit(2);
    expect(subscribeMessage(await bench.call(pullXml(), ALICE)).code).toBe('NoError');
    expect(subscribeMessage(await bench.call(pushXml(), ALICE)).code).toBe('NoError');
    expect(subscribeMessage(await bench.call(pullXml(), ALICE))).toEqual({
      responseClass: 'Error',
      code: 'ErrorExceededSubscriptionCount',
      messageText: 'You have exceeded the maximum number of subscriptions for your account (EWSMaxSubscriptions 2).',
      subscriptionId: undefined,
      watermark: undefined,
      children: ['MessageText', 'ResponseCode', 'DescriptiveLinkKey'],
    });
    expect(bench.notifications.list().map((s) => s.kind)).toEqual(['pull', 'push']);
  });

  it('with EWSMaxSubscriptions 1 the second subscription is refused; another account still has its own allowance', async () => {
    const bench = benchWithLimit(1);
    expect(subscribeMessage(await bench.call(pullXml(), ALICE)).code).toBe('NoError');
    expect(subscribeMessage(await bench.call(pullXml(), ALICE)).code).toBe('ErrorExceededSubscriptionCount');
    expect(subscribeMessage(await bench.call(pullXml(), { account: 'alice' })).code).toBe('NoError');
    expect(bench.notifications.list().map((s) => s.account)).toEqual(['svc-imp', 'alice']);
  });

  it('Unlimited (null) sets no limit', async () => {
    const bench = benchWithLimit(null);
    for (let i = 0; i < 5; i++) expect(subscribeMessage(await bench.call(pullXml(), ALICE)).code).toBe('NoError');
    expect(bench.notifications.list()).toHaveLength(5);
  });
});
