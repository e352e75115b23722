import { EwsError, fault } from '../../ews/errors.ts';
import { DEFAULT_THROTTLING_POLICY, mergeThrottlingPolicy, type ThrottlingPolicy } from './throttling-policy.ts';

/** The throttling policy of every account (keyed by logon name), and the Subscribe checks they impose. */
export class ThrottlingPolicies {
  readonly #policies = new Map<string, ThrottlingPolicy>();
  readonly #default: ThrottlingPolicy;

  constructor(defaults: Partial<ThrottlingPolicy> = {}, perAccount: Record<string, Partial<ThrottlingPolicy>> = {}) {
    this.#default = mergeThrottlingPolicy(DEFAULT_THROTTLING_POLICY, defaults);
    for (const [user, p] of Object.entries(perAccount)) this.set(user, p);
  }

  policy(account: string): ThrottlingPolicy {
    return this.#policies.get(account.toLowerCase()) ?? this.#default;
  }

  set(account: string, patch: Partial<ThrottlingPolicy>): ThrottlingPolicy {
    const merged = mergeThrottlingPolicy(this.policy(account), patch);
    this.#policies.set(account.toLowerCase(), merged);
    return merged;
  }

  /** ErrorServerBusy (BackOffMilliseconds) while the policy says so, else ErrorExceededSubscriptionCount at EWSMaxSubscriptions. */
  checkSubscribe(account: string, activeSubscriptions: number): void {
    const policy = this.policy(account);
    const busy = policy.subscribeServerBusy;
    if (busy) {
      if (busy.times !== undefined) {
        const left = busy.times - 1;
        this.#policies.set(account.toLowerCase(), {
          ...policy,
          subscribeServerBusy: left > 0 ? { ...busy, times: left } : undefined,
        });
      }
      const values = { BackOffMilliseconds: String(busy.backOffMilliseconds) };
      if ((busy.as ?? 'fault') === 'fault') throw fault('ErrorServerBusy', undefined, values);
      throw new EwsError('ErrorServerBusy', { messageXml: values });
    }
    const max = policy.ewsMaxSubscriptions;
    if (max !== null && activeSubscriptions >= max) {
      throw new EwsError('ErrorExceededSubscriptionCount', {
        message: `You have exceeded the maximum number of subscriptions for your account (EWSMaxSubscriptions ${max}).`,
      });
    }
  }
}
