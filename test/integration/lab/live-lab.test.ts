import { afterEach, describe, expect, it } from 'vitest';
import { createLiveLab, type LiveLab } from '../../../lab/live-lab.ts';
import { presenceOrgConfig } from '../../support/presence-org.ts';
import { TEST_START } from '../../support/test-org.ts';

function org() {
  const o = presenceOrgConfig();
  o.servers = o.servers.map((s, i) => ({ ...s, ip: `127.0.79.${i + 1}` }));
  return o;
}

describe('the live lab: a virtual clock driven from the wall clock', () => {
  let live: LiveLab | undefined;
  afterEach(async () => {
    live?.driver.stop();
    await live?.lab.stop();
    live = undefined;
  });

  it('starts at the given instant, paused when asked, with every user subscribed', async () => {
    live = await createLiveLab({ org: org(), start: TEST_START, paused: true, exchangeAdminPort: null });
    expect(live.driver.state()).toEqual({ now: TEST_START, speed: 1, paused: true });
    expect(live.lab.imp.calendars.get('alice')?.status).toBe('subscribed');
  });

  it('a jump fires the meeting start on the way: alice is In a meeting at 09:01', async () => {
    live = await createLiveLab({ org: org(), start: TEST_START, paused: true, exchangeAdminPort: null });
    live.lab.imp.presence.setClient('alice', 'available'); // her client is logged in: Offline would win
    await live.driver.jumpTo(TEST_START + 61 * 60_000);
    expect(live.clock.now()).toBe(TEST_START + 61 * 60_000);
    expect(live.lab.imp.presence.get('alice').label).toBe('In a meeting');
  });

  it('a hung server does not stop the clock: requests waiting on Exchange Timeout end when time passes', async () => {
    live = await createLiveLab({ org: org(), start: TEST_START, paused: true, exchangeAdminPort: null });
    const { lab } = live;
    // Close the port first so pooled connections die too, then hang every new connection.
    await lab.exchange.faults.set('ex1', [{ type: 'down' }]);
    await lab.exchange.faults.set('ex1', [{ type: 'hang' }]);
    let ssl: string | undefined;
    const checked = lab.imp.status().then((a) => {
      ssl = a.rows.find((r) => r.gateway.host === 'ex1.example.test')?.ssl;
    });
    // The push for this meeting makes the gateway re-read alice's calendar from the hung ex1.
    lab.exchange.admin.createMeeting('alice@example.test', {
      subject: 'Incident',
      start: new Date(TEST_START + 60_000).toISOString(),
      end: new Date(TEST_START + 3_600_000).toISOString(),
    });
    // The hang holds the wire on purpose, so the time driver lets time pass toward the re-read's virtual deadline.
    await live.driver.jumpTo(TEST_START + 10_000);
    await checked;
    expect(ssl).toBe('Failed - Network Error');
    expect(live.clock.now()).toBe(TEST_START + 10_000);
    expect(lab.pendingWork()).toBe(0);
    expect(lab.journal.entries({ source: 'calendar' }).map((e) => e.message)).toContainEqual(
      expect.stringMatching(/alice@example\.test.*failed/),
    );
  });

  it('100 status refreshes at x600 on healthy servers give 100 Verified: time waits for the handshakes', async () => {
    live = await createLiveLab({ org: org(), start: TEST_START, speed: 600, exchangeAdminPort: null });
    const { lab, clock } = live;
    const labels: string[] = [];
    for (let i = 0; i < 100; i++) {
      // A x600 tick (a virtual minute, six times Exchange Timeout) lands while the handshakes are on the wire.
      const [area] = await Promise.all([lab.imp.status(), live.driver.jumpTo(clock.now() + 60_000)]);
      labels.push(...area.rows.map((r) => r.ssl));
    }
    const rows = lab.imp.config.gateways.list().length;
    expect(rows).toBeGreaterThan(0);
    expect(labels).toEqual(Array.from({ length: 100 * rows }, () => 'Verified'));
    // A hundred virtual minutes passed meanwhile, and the real-time safety limit never had to fire.
    expect(clock.now()).toBeGreaterThanOrEqual(TEST_START + 100 * 60_000);
    expect(lab.journal.entries({ source: 'time-driver' })).toEqual([]);
  });
});
