import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FAULT_DEFINITIONS } from '../../../../mock-exchange/faults/index.ts';
import type { MockExchange } from '../../../../mock-exchange/mock-exchange.ts';
import { VirtualClock } from '../../../../sim/clock.ts';
import { expectCloseHeld, expectHandshakeHeld, fence, observe } from '../../../support/fault-helpers.ts';
import { startMock } from '../../../support/mock-server.ts';
import { TEST_START, testOrgConfig } from '../../../support/test-org.ts';
import { tlsOutcome } from '../../../support/tls-probe.ts';

const HOUR = 3_600_000;
const DISCONNECTED = 'Client network socket disconnected before secure TLS connection was established';

/**
 * A fault is what the wire does for as long as it is set, not what it does until a client gives up: every network
 * fault below is checked again after an hour of virtual time in which nobody touched it, on a connection opened at the
 * start (where the fault holds connections) and on a new one.
 */
describe('network faults keep holding after an hour of virtual time', () => {
  let clock: VirtualClock;
  let mock: MockExchange;
  const ex1 = () => mock.org.server('ex1')!;
  const connectEx1 = () => tlsOutcome(ex1().ip, ex1().port, ex1().fqdn, [mock.pki.root.pem]);
  /** An hour on the clock, in steps, as the lab's driver would move it, serving I/O in between. */
  const anHourPasses = async () => {
    for (let passed = 0; passed < HOUR; passed += 60_000) {
      clock.advance(60_000);
      await fence(mock);
    }
  };

  beforeEach(async () => {
    clock = new VirtualClock(TEST_START);
    mock = await startMock(testOrgConfig(), clock);
  });
  afterEach(async () => {
    await mock.stop();
  });

  // One case per network fault type; the list below is checked against the fault catalog so a new type needs a case.
  const CASES: Record<string, () => Promise<void>> = {
    down: async () => {
      await mock.faults.set('ex1', [{ type: 'down' }]);
      await anHourPasses();
      expect(await connectEx1()).toMatchObject({ ok: false, code: 'ECONNREFUSED' });
    },
    hang: async () => {
      await mock.faults.set('ex1', [{ type: 'hang' }]);
      const held = observe(mock);
      await fence(mock);
      await anHourPasses();
      expect(held.closed).toBe(false);
      expect(held.secure).toBe(false);
      expect(held.socket.bytesRead).toBe(0);
      const late = observe(mock);
      await fence(mock);
      expect(late.closed).toBe(false);
      expect(late.socket.bytesRead).toBe(0);
      held.socket.destroy();
      late.socket.destroy();
    },
    reset: async () => {
      await mock.faults.set('ex1', [{ type: 'reset' }]);
      await anHourPasses();
      expect(await connectEx1()).toMatchObject({ ok: false, code: 'ECONNRESET', message: 'read ECONNRESET' });
    },
    close: async () => {
      await mock.faults.set('ex1', [{ type: 'close' }]);
      await anHourPasses();
      expect(await connectEx1()).toEqual({ ok: false, code: 'ECONNRESET', message: DISCONNECTED });
    },
    latency: async () => {
      await mock.faults.set('ex1', [{ type: 'latency', latency: 2000 }]);
      await anHourPasses();
      const o = await expectHandshakeHeld(mock, clock, 2000);
      o.socket.destroy();
    },
    'slow-close': async () => {
      await mock.faults.set('ex1', [{ type: 'slow-close', delay: 1000 }]);
      await anHourPasses();
      await expectCloseHeld(mock, clock, 1000);
    },
    'limit-data': async () => {
      await mock.faults.set('ex1', [{ type: 'limit-data', bytes: 100 }]);
      await anHourPasses();
      expect(await connectEx1()).toEqual({ ok: false, code: 'ECONNRESET', message: DISCONNECTED });
    },
  };

  it('covers every network fault of the catalog', () => {
    const network = [...FAULT_DEFINITIONS.values()].filter((d) => d.layer === 'network').map((d) => d.type);
    expect(Object.keys(CASES).sort()).toEqual(network.sort());
  });

  for (const [type, run] of Object.entries(CASES)) {
    it(`${type} still holds an hour later, and clearing it still restores the server`, async () => {
      await run();
      await mock.faults.clear('ex1');
      expect(await connectEx1()).toEqual({ ok: true });
    });
  }
});
