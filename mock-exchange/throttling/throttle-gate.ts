import { fault } from '../../ews/errors.ts';
import type { ServerThrottling } from './server-throttling.ts';

interface AccountBudget {
  inFlight: number;
  /** Balance in ms at `at`; recharges at EWSRechargeRate per hour up to EWSMaxBurst. */
  balance: number;
  at: number;
  /** Set at the cutoff; lifted once the balance has recharged to zero. */
  blocked: boolean;
}

const HOUR = 3_600_000;

/**
 * One server's EWS throttling per account: EWSMaxConcurrency (requests in progress, hanging
 * GetStreamingEvents connections not counted) and the budget that answers ErrorServerBusy with the
 * BackOffMilliseconds until it recharges to zero once it reaches -EWSCutoffBalance.
 */
export class ThrottleGate {
  readonly #accounts = new Map<string, AccountBudget>();

  constructor(
    readonly policy: () => ServerThrottling,
    readonly now: () => number,
  ) {}

  /** Admit one request or throw the throttling fault; call the returned function when it completes. */
  enter(account: string): () => void {
    const p = this.policy();
    const b = this.#budget(account, p);
    if (p.requestCostMs > 0) {
      if (b.balance <= -p.EWSCutoffBalance) b.blocked = true;
      else if (b.balance >= 0) b.blocked = false;
      if (b.blocked) {
        const backOff = Math.ceil((-b.balance / Math.max(p.EWSRechargeRate, 1)) * HOUR);
        throw fault('ErrorServerBusy', undefined, { BackOffMilliseconds: String(Math.max(backOff, 1)) });
      }
      b.balance -= p.requestCostMs;
    }
    if (p.EWSMaxConcurrency !== null && b.inFlight >= p.EWSMaxConcurrency) {
      throw fault(
        'ErrorExceededConnectionCount',
        'You have exceeded the available concurrent connections for your account.  Try again once your other requests have completed.',
      );
    }
    b.inFlight++;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      b.inFlight--;
    };
  }

  #budget(account: string, p: ServerThrottling): AccountBudget {
    const now = this.now();
    let b = this.#accounts.get(account);
    if (!b) {
      b = { inFlight: 0, balance: p.EWSMaxBurst, at: now, blocked: false };
      this.#accounts.set(account, b);
    }
    b.balance = Math.min(p.EWSMaxBurst, b.balance + ((now - b.at) * p.EWSRechargeRate) / HOUR);
    b.at = now;
    return b;
  }
}
