import { MockExchangeError } from '../mock-exchange-error.ts';

/** The parts of an Exchange throttling policy that govern notifications, per account. */
export interface ThrottlingPolicy {
  /** EWSMaxSubscriptions: active subscriptions the account may hold; null = Unlimited. */
  ewsMaxSubscriptions: number | null;
  /** HangingConnectionLimit: open GetStreamingEvents connections per account (on-premises default 3). */
  hangingConnectionLimit: number;
  /** When set, Subscribe answers ErrorServerBusy with this BackOffMilliseconds. */
  subscribeServerBusy?: {
    backOffMilliseconds: number;
    /** How many Subscribe calls get it before the policy relaxes; unlimited when absent. */
    times?: number;
    /** HTTP 500 SOAP fault (what throttling sends) or a 200 ResponseMessage. */
    as?: 'fault' | 'message';
  };
}

/**
 * An account's own policy until one is set: GlobalThrottlingPolicy's HangingConnectionLimit, and no subscription
 * limit of its own, since the server's throttling (server-throttling.ts) already applies GlobalThrottlingPolicy's
 * EWSMaxSubscriptions (5,000) to every account; a second default here would refuse what that policy lifts.
 */
export const DEFAULT_THROTTLING_POLICY: ThrottlingPolicy = { ewsMaxSubscriptions: null, hangingConnectionLimit: 3 };

/** Check a partial policy from outside (admin API, scenario) and merge it over `base`. */
export function mergeThrottlingPolicy(base: ThrottlingPolicy, patch: Partial<ThrottlingPolicy>): ThrottlingPolicy {
  if (typeof patch !== 'object' || patch === null)
    throw MockExchangeError.at('INVALID_VALUE', 'policy', 'must be an object');
  const next: ThrottlingPolicy = { ...base };
  if (patch.ewsMaxSubscriptions !== undefined) {
    const v = patch.ewsMaxSubscriptions;
    if (v !== null && !(Number.isInteger(v) && v >= 0)) {
      throw MockExchangeError.at(
        'INVALID_VALUE',
        'ewsMaxSubscriptions',
        `must be a non-negative integer or null (Unlimited), got ${String(v)}`,
      );
    }
    next.ewsMaxSubscriptions = v;
  }
  if (patch.hangingConnectionLimit !== undefined) {
    const v = patch.hangingConnectionLimit;
    if (!(Number.isInteger(v) && v >= 0)) {
      throw MockExchangeError.at(
        'INVALID_VALUE',
        'hangingConnectionLimit',
        `must be a non-negative integer, got ${String(v)}`,
      );
    }
    next.hangingConnectionLimit = v;
  }
  if (patch.subscribeServerBusy !== undefined) {
    const b = patch.subscribeServerBusy;
    if (b === null) next.subscribeServerBusy = undefined;
    else {
      if (typeof b !== 'object' || !(Number.isInteger(b.backOffMilliseconds) && b.backOffMilliseconds >= 0)) {
        throw MockExchangeError.at(
          'INVALID_VALUE',
          'subscribeServerBusy.backOffMilliseconds',
          'must be a non-negative integer',
        );
      }
      if (b.times !== undefined && !(Number.isInteger(b.times) && b.times > 0)) {
        throw MockExchangeError.at('INVALID_VALUE', 'subscribeServerBusy.times', 'must be a positive integer');
      }
      if (b.as !== undefined && b.as !== 'fault' && b.as !== 'message') {
        throw MockExchangeError.at('INVALID_VALUE', 'subscribeServerBusy.as', 'must be "fault" or "message"');
      }
      next.subscribeServerBusy = { ...b };
    }
  }
  return next;
}
