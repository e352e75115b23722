import { afterEach, describe, expect, it } from 'vitest';
import { TimeDriver } from '../../../lab/time-driver.ts';
import { VirtualClock } from '../../../sim/clock.ts';
import { inFlight } from '../../../sim/in-flight.ts';
import { Journal } from '../../../sim/journal.ts';

const START = Date.UTC(2030, 4, 6, 8, 0, 0);

/** Stands for real I/O outside the event loop's view (a peer process, the thread pool): done after `ms` real ms. */
function realWork(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

describe('the time driver: no virtual time passes while registered I/O is in flight', () => {
  let driver: TimeDriver | undefined;
  afterEach(() => driver?.dispose());

  function setup(safetyMs?: number) {
    const clock = new VirtualClock(START);
    const journal = new Journal(clock, 100);
    driver = new TimeDriver(clock, journal, { safetyMs });
    return { clock, journal, driver, registry: inFlight(clock) };
  }

  it('a timeout due during in-flight work fires only after the work is over', async () => {
    const { clock, driver, registry } = setup();
    const order: string[] = [];
    clock.setTimeout(() => order.push('timeout'), 10_000);
    const over = registry.begin('probe');
    void realWork(40).then(() => {
      order.push('answer');
      over();
    });
    await driver.advance(60_000);
    expect(order).toEqual(['answer', 'timeout']);
    expect(clock.now()).toBe(START + 60_000);
    expect(driver.stats.safetyStops).toBe(0);
  });

  it('a fault holding the wire lets virtual time pass: the timeout is deliberate', async () => {
    const { clock, driver, registry } = setup();
    let timedOut = false;
    const over = registry.begin('EWS request to a hung server');
    const release = registry.hold('hang holds a connection');
    clock.setTimeout(() => {
      timedOut = true;
      over();
    }, 10_000);
    await driver.advance(60_000);
    release();
    expect(timedOut).toBe(true);
    expect(driver.stats.waitingOnClock).toBeGreaterThan(0);
  });

  it('work that never ends stops holding time at the real-time safety limit, and the log says so', async () => {
    const { clock, journal, driver, registry } = setup(50);
    registry.begin('TLS probe of ex1.example.test:443');
    await driver.advance(1000);
    expect(clock.now()).toBe(START + 1000);
    expect(driver.stats.safetyStops).toBeGreaterThan(0);
    const warning = journal.entries({ source: 'time-driver' })[0];
    expect(warning?.level).toBe('warn');
    expect(warning?.message).toContain('real-time safety limit');
    expect(warning?.message).toContain('TLS probe of ex1.example.test:443');
  });

  it('refuses to move back in time', async () => {
    const { clock, driver } = setup();
    await expect(driver.advanceTo(clock.now() - 1)).rejects.toThrow(/cannot go back/);
  });
});
