import { EXCHANGE_RELEASE_FACTS, type ExchangeRelease } from '../../ews/server-versions.ts';
import { MockExchangeError } from '../mock-exchange-error.ts';

/**
 * The EWS part of a server's throttling policy, named as Set-ThrottlingPolicy names it. Null = Unlimited.
 * The budget fields are milliseconds of server time per hour, as Exchange's token bucket counts them.
 */
export interface ServerThrottlingConfig {
  EWSMaxConcurrency?: number | null;
  EWSMaxSubscriptions?: number | null;
  EWSFindCountLimit?: number | null;
  EWSMaxBurst?: number;
  EWSRechargeRate?: number;
  EWSCutoffBalance?: number;
  /** Budget each request costs, in ms (0: the budget never runs out). */
  requestCostMs?: number;
}

export interface ServerThrottling {
  EWSMaxConcurrency: number | null;
  EWSMaxSubscriptions: number | null;
  EWSFindCountLimit: number | null;
  EWSMaxBurst: number;
  EWSRechargeRate: number;
  EWSCutoffBalance: number;
  requestCostMs: number;
}

/** GlobalThrottlingPolicy for a release; the budget values are Exchange 2013's (Cisco's chapter recommends them too). */
export function defaultThrottling(release: ExchangeRelease): ServerThrottling {
  const facts = EXCHANGE_RELEASE_FACTS[release];
  return {
    EWSMaxConcurrency: facts.ewsMaxConcurrency,
    EWSMaxSubscriptions: facts.ewsMaxSubscriptions,
    EWSFindCountLimit: facts.ewsFindCountLimit,
    EWSMaxBurst: 300000,
    EWSRechargeRate: 900000,
    EWSCutoffBalance: 3000000,
    requestCostMs: 0,
  };
}

const UNLIMITABLE = ['EWSMaxConcurrency', 'EWSMaxSubscriptions', 'EWSFindCountLimit'] as const;
const NUMBERS = ['EWSMaxBurst', 'EWSRechargeRate', 'EWSCutoffBalance', 'requestCostMs'] as const;

/** Check a throttling setting and merge it over `base` (the release's defaults when absent). */
export function serverThrottling(
  value: unknown,
  release: ExchangeRelease,
  field: string,
  base: ServerThrottling = defaultThrottling(release),
): ServerThrottling {
  if (value === undefined) return { ...base };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw MockExchangeError.at('INVALID_VALUE', field, 'must be an object of throttling policy values');
  }
  const next = { ...base };
  for (const [key, v] of Object.entries(value)) {
    if ((UNLIMITABLE as readonly string[]).includes(key)) {
      if (v !== null && !(Number.isInteger(v) && (v as number) >= 1)) {
        throw MockExchangeError.at(
          'INVALID_VALUE',
          `${field}.${key}`,
          `must be a positive integer or null (Unlimited), got ${String(v)}`,
        );
      }
      next[key as (typeof UNLIMITABLE)[number]] = v as number | null;
    } else if ((NUMBERS as readonly string[]).includes(key)) {
      if (!(Number.isInteger(v) && (v as number) >= 0)) {
        throw MockExchangeError.at(
          'INVALID_VALUE',
          `${field}.${key}`,
          `must be a non-negative integer, got ${String(v)}`,
        );
      }
      next[key as (typeof NUMBERS)[number]] = v as number;
    } else {
      throw MockExchangeError.at(
        'INVALID_VALUE',
        `${field}.${key}`,
        `unknown setting; allowed: ${[...UNLIMITABLE, ...NUMBERS].join(', ')}`,
      );
    }
  }
  return next;
}
