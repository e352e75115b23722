import { describe, expect, it } from 'vitest';
import { EwsError } from '../../../../ews/errors.ts';
import { defaultThrottling, type ServerThrottling } from '../../../../mock-exchange/throttling/server-throttling.ts';
import { ThrottleGate } from '../../../../mock-exchange/throttling/throttle-gate.ts';

function caught(fn: () => unknown): EwsError | undefined {
  try {
    fn();
  } catch (err) {
    if (err instanceof EwsError) return err;
    throw err;
  }
  return undefined;
}

describe('EWS throttling per account', () => {
  it('GlobalThrottlingPolicy defaults: EWSMaxConcurrency 10 on Exchange 2010, 27 from 2013 on; EWSFindCountLimit 1000', () => {
    expect(defaultThrottling('2010-SP2')).toMatchObject({ EWSMaxConcurrency: 10, EWSFindCountLimit: 1000 });
    for (const r of ['2013', '2016', '2019'] as const) {
      expect(defaultThrottling(r)).toMatchObject({ EWSMaxConcurrency: 27, EWSFindCountLimit: 1000 });
    }
  });

  it('EWSMaxConcurrency: the request beyond it is ErrorExceededConnectionCount (a fault); a finished one frees its place', () => {
    const policy: ServerThrottling = { ...defaultThrottling('2019'), EWSMaxConcurrency: 2 };
    const gate = new ThrottleGate(
      () => policy,
      () => 0,
    );
    const a = gate.enter('svc-imp');
    gate.enter('svc-imp');
    const err = caught(() => gate.enter('svc-imp'));
    expect([err?.code, err?.level]).toEqual(['ErrorExceededConnectionCount', 'fault']);
    expect(caught(() => gate.enter('other'))).toBeUndefined();
    a();
    a();
    expect(caught(() => gate.enter('svc-imp'))).toBeUndefined();
  });

  it('the budget: once the balance reaches -EWSCutoffBalance, ErrorServerBusy with the BackOffMilliseconds until it recharges to zero', () => {
    let now = 0;
    // 300 000 ms burst, 900 000 ms per hour recharge, 3 000 000 ms cutoff; each request costs 1 100 000 ms.
    const policy: ServerThrottling = {
      ...defaultThrottling('2019'),
      EWSMaxConcurrency: null,
      requestCostMs: 1_100_000,
    };
    const gate = new ThrottleGate(
      () => policy,
      () => now,
    );
    for (let i = 0; i < 3; i++) gate.enter('svc-imp')();
    // Balance 300 000 - 3 300 000 = -3 000 000 reaches the cutoff: blocked for 3 000 000 / 900 000 h = 12 000 000 ms.
    const busy = caught(() => gate.enter('svc-imp'));
    expect([busy?.code, busy?.level, busy?.messageXml]).toEqual([
      'ErrorServerBusy',
      'fault',
      { BackOffMilliseconds: '12000000' },
    ]);
    now = 11_999_999;
    expect(caught(() => gate.enter('svc-imp'))?.code).toBe('ErrorServerBusy');
    now = 12_000_000;
    expect(caught(() => gate.enter('svc-imp'))).toBeUndefined();
  });
});
