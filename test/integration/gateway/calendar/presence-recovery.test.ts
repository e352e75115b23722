import { afterEach, describe, expect, it } from 'vitest';
import { PresenceLab } from '../../../support/presence-lab.ts';
import { presenceOrgConfig } from '../../../support/presence-org.ts';
import { T } from '../../../support/test-org.ts';

const at = (hhmm: string) => Date.parse(T(hhmm));
const MINUTE = 60_000;
/** EWS Status Frequency 10 minutes (the minimum): the watchdog fires after 20 minutes of silence. */
const PARAMETERS = { ewsStatusFrequency: 10 };
const USERS = ['alice', 'bob', 'carol', 'dave', 'erin'];

/** Every user's published calendar state equals Exchange's at `now` (call away from boundaries' spread windows). */
function expectConverged(h: PresenceLab): void {
  const now = h.clock.now();
  const states = Object.fromEntries(USERS.map((u) => [u, h.presence(u).calendar]));
  const truth = Object.fromEntries(USERS.map((u) => [u, h.truth(`${u}@example.test`, now)]));
  expect(states, `at ${new Date(now).toISOString()}`).toEqual(truth);
}

const inProgress = (subject: string, from: string, to: string) => ({
  subject,
  start: T(from),
  end: T(to),
  freeBusy: 'Busy' as const,
});

describe('calendar presence recovers from Exchange faults by itself', () => {
  let h: PresenceLab | undefined;
  afterEach(async () => {
    await h?.stop();
    h = undefined;
  });

  it('an Exchange server restart: silent subscriptions are renewed after 2 x EWS Status Frequency, with a re-read', async () => {
    h = await PresenceLab.start({ org: presenceOrgConfig(), parameters: PARAMETERS });
    expect(h.exchange.admin.restartServer('ex1').lostSubscriptions).toBe(2);
    await h.advanceTo(at('08:05'));
    h.exchange.admin.createMeeting('alice@example.test', inProgress('Call from the CEO', '08:00', '08:50'));
    await h.settle();
    // Exchange lost the subscription, so nothing tells the gateway: alice is stale for now.
    expect(h.presence('alice').calendar).toBe('free');
    await h.advanceTo(at('08:20') - 1);
    expect(h.presence('alice').calendar).toBe('free');
    await h.advanceTo(at('08:20'));
    expect(h.presence('alice').calendar).toBe('busy');
    expect(h.journal('calendar')).toContain(
      'no notification for alice@example.test in 2 x EWS Status Frequency; subscribing again',
    );
    // Users on ex2 kept hearing keepalives and were left alone.
    expect(h.journal('calendar').filter((m) => m.startsWith('no notification'))).toHaveLength(2);
    expectConverged(h);
    // The new subscription delivers changes again.
    const meetings = h.exchange.admin.meetings('alice@example.test');
    h.exchange.admin.deleteMeeting('alice@example.test', meetings.find((m) => m.subject === 'Call from the CEO')!.id);
    await h.settle();
    expect(h.presence('alice').calendar).toBe('free');
  });

  it('a hang: requests time out after Exchange Timeout, nobody is shown In a meeting from a stale read, and all recover', async () => {
    h = await PresenceLab.start({ org: presenceOrgConfig(), parameters: PARAMETERS });
    const lab = h;
    h.imp.presence.setClient('dave', 'available');
    await h.advanceTo(at('08:05'));
    // Close the port first so pooled connections die too, then hang every new connection.
    for (const server of ['ex1', 'ex2']) {
      await h.exchange.faults.set(server, [{ type: 'down' }]);
      await h.exchange.faults.set(server, [{ type: 'hang' }]);
    }
    for (let i = 0; i < 1000; i++) await new Promise<void>((r) => setImmediate(r));

    h.exchange.admin.createMeeting('dave@example.test', inProgress('Incident', '08:00', '09:30'));
    // The push still arrives (Exchange calls the gateway); the re-read it starts hangs.
    await h.until(() => lab.journal().some((m) => m.includes('push to http') && m.endsWith(' OK')), 'the push');
    await h.until(() => lab.pending() > 0, 'the re-read request');
    await h.stepThrough(2 * MINUTE, 1000);
    expect(h.journal('calendar').some((m) => m.includes('did not answer within Exchange Timeout (3000 ms)'))).toBe(
      true,
    );
    expect(h.imp.calendars.get('dave')?.status).toBe('retrying');
    expect(h.presence('dave')).toMatchObject({ calendar: 'unknown', label: 'Available' });

    await h.exchange.faults.clear('ex1');
    await h.exchange.faults.clear('ex2');
    await h.stepThrough(6 * MINUTE, 1000);
    await h.advance(MINUTE);
    expect(h.imp.calendars.get('dave')?.status).toBe('subscribed');
    expect(h.presence('dave').label).toBe('In a meeting');
    expectConverged(h);
    // Back-off stayed bounded: no retry was scheduled further out than five minutes.
    const delays = h.lab.journal
      .entries({ source: 'calendar' })
      .map((e) => e.data?.delayMs)
      .filter((d): d is number => typeof d === 'number');
    expect(delays.length).toBeGreaterThan(0);
    expect(Math.max(...delays)).toBeLessThanOrEqual(5 * MINUTE);
  });

  it('throttling: ErrorServerBusy is honoured with its BackOffMilliseconds, and no change is lost', async () => {
    h = await PresenceLab.start({ org: presenceOrgConfig(), parameters: PARAMETERS });
    await h.advanceTo(at('08:05'));
    await h.exchange.faults.add('ex1', {
      type: 'server-busy',
      operation: 'Subscribe',
      mailbox: 'alice@example.test',
      backOffMilliseconds: 90_000,
    });
    // Calendaring off and on: the engine subscribes afresh, and Exchange throttles it.
    h.imp.config.users.update('alice', { calendaring: false });
    h.imp.config.users.update('alice', { calendaring: true });
    await h.settle();
    expect(h.imp.calendars.get('alice')).toMatchObject({ status: 'retrying' });
    expect(h.imp.calendars.get('alice')?.reason).toContain('ErrorServerBusy');
    expect(h.presence('alice').calendar).toBe('unknown');
    h.exchange.admin.createMeeting('alice@example.test', inProgress('Board meeting', '08:00', '09:00'));

    const attempts = () =>
      h!.lab.journal
        .entries({ source: 'calendar' })
        .filter((e) => e.message.includes('ErrorServerBusy') && e.message.startsWith('calendar for'));
    expect(attempts().map((e) => [e.at, e.data?.delayMs])).toEqual([[at('08:05'), 90_000]]);
    await h.advanceTo(at('08:05') + 90_000 - 1);
    expect(attempts()).toHaveLength(1);
    await h.advanceTo(at('08:05') + 90_000);
    expect(attempts().map((e) => e.at)).toEqual([at('08:05'), at('08:05') + 90_000]);

    await h.exchange.faults.remove('ex1', 'server-busy');
    await h.advanceTo(at('08:05') + 180_000);
    expect(h.imp.calendars.get('alice')?.status).toBe('subscribed');
    expect(h.presence('alice').calendar).toBe('busy');
    expectConverged(h);
  });

  it('a callback port Exchange cannot reach for a while: its push retries deliver once the port is back', async () => {
    h = await PresenceLab.start({ org: presenceOrgConfig(), parameters: PARAMETERS, callbackHost: 'cup.example.test' });
    await h.advanceTo(at('08:05'));
    // Nothing listens on 127.0.0.254: Exchange's POSTs to the callback URL are refused.
    h.lab.hosts.add('cup.example.test', '127.0.0.254');
    h.exchange.admin.createMeeting('dave@example.test', inProgress('Fire drill', '08:00', '08:45'));
    await h.settle();
    await h.advanceTo(at('08:06') + 10_000);
    expect(h.presence('dave').calendar).toBe('free');
    const failed = h.journal().filter((m) => m.includes('push to http://cup.example.test') && m.includes('connect'));
    expect(failed.length).toBeGreaterThanOrEqual(2);

    h.lab.hosts.add('cup.example.test', '127.0.0.1');
    await h.advanceTo(at('08:07'));
    expect(h.presence('dave').calendar).toBe('busy');
    expect(h.imp.calendars.get('dave')?.status).toBe('subscribed');
    expectConverged(h);
  });

  it('a callback port unreachable for longer than StatusFrequency: the watchdog subscribes again and re-reads', async () => {
    h = await PresenceLab.start({ org: presenceOrgConfig(), parameters: PARAMETERS, callbackHost: 'cup.example.test' });
    await h.advanceTo(at('08:05'));
    h.lab.hosts.add('cup.example.test', '127.0.0.254');
    h.exchange.admin.createMeeting('dave@example.test', inProgress('Fire drill', '08:00', '08:45'));
    await h.advanceTo(at('08:20') - 1);
    expect(h.presence('dave').calendar).toBe('free');
    await h.advanceTo(at('08:20'));
    // No keepalive for 20 minutes: subscribe again and read the calendar, which catches the change.
    expect(h.presence('dave').calendar).toBe('busy');
    expect(h.journal('calendar')).toContain(
      'no notification for dave@example.test in 2 x EWS Status Frequency; subscribing again',
    );
    await h.advanceTo(at('08:30'));
    h.lab.hosts.add('cup.example.test', '127.0.0.1');
    await h.advanceTo(at('08:41'));
    expectConverged(h);
    // Pushes flow again: a change shows at once.
    h.exchange.admin.createMeeting('bob@example.test', inProgress('Escalation', '08:30', '08:55'));
    await h.settle();
    expect(h.presence('bob').calendar).toBe('busy');
    expect(h.imp.calendars.list().every((s) => s.status === 'subscribed')).toBe(true);
  });

  it('pull mode: changes arrive at the pull interval, and ErrorSubscriptionNotFound after a restart makes it subscribe again', async () => {
    h = await PresenceLab.start({
      org: presenceOrgConfig(),
      parameters: { office365PullInterval: 1 },
      before: (lab) => {
        for (const gw of lab.imp.config.gateways.list()) lab.imp.config.gateways.update(gw.id, { mode: 'pull' });
      },
    });
    expect(h.imp.calendars.list().map((s) => s.mode)).toEqual(['pull', 'pull', 'pull', 'pull', 'pull']);
    expect(h.exchange.admin.subscriptions({ kind: 'pull' })).toHaveLength(5);
    await h.advanceTo(at('08:05') + 10_000);
    const meeting = h.exchange.admin.createMeeting('dave@example.test', inProgress('Standby', '08:00', '08:50'));
    await h.settle();
    expect(h.presence('dave').calendar).toBe('free');
    await h.advanceTo(at('08:06') - 1);
    expect(h.presence('dave').calendar).toBe('free');
    await h.advanceTo(at('08:06'));
    expect(h.presence('dave').calendar).toBe('busy');

    await h.advanceTo(at('08:10') + 30_000);
    h.exchange.admin.restartServer('ex2');
    h.exchange.admin.deleteMeeting('dave@example.test', meeting.id);
    await h.advanceTo(at('08:11'));
    expect(
      h.journal('calendar').some((m) => m.startsWith('pull for dave@example.test failed: ErrorSubscriptionNotFound')),
    ).toBe(true);
    expect(h.imp.calendars.get('dave')?.status).toBe('subscribed');
    expect(h.presence('dave').calendar).toBe('free');
    expectConverged(h);
  });

  it('a certificate that fails verification: back-off with the reason logged, and recovery once Exchange presents a trusted one', async () => {
    h = await PresenceLab.start({ org: presenceOrgConfig(), parameters: PARAMETERS });
    for (const server of ['ex1', 'ex2']) await h.exchange.setCertificateProfile(server, 'untrusted-root');
    // The engine restarts (new connections, the same trust store): every subscription fails verification.
    await h.imp.engine.restart();
    await h.settle();
    expect(h.imp.calendars.list().map((s) => s.status)).toEqual(Array(5).fill('retrying'));
    expect(h.imp.calendars.get('erin')?.reason).toContain('Failed - Certificate Missing From Chain');
    // Everyone is logged in: Offline would hide the calendar state this case is about.
    for (const u of USERS) h.imp.presence.setClient(u, 'available');
    await h.advanceTo(at('09:00') + 60_000);
    // erin's 09:00 meeting is not shown: without a calendar nobody is In a meeting.
    expect(USERS.filter((u) => h!.presence(u).label === 'In a meeting')).toEqual([]);

    for (const server of ['ex1', 'ex2']) await h.exchange.setCertificateProfile(server, 'valid');
    await h.advance(5 * MINUTE);
    expect(h.imp.calendars.list().map((s) => s.status)).toEqual(Array(5).fill('subscribed'));
    expect(h.presence('erin').label).toBe('In a meeting');
    expectConverged(h);
  });

  it('Exchange Queue overflow fails the re-reads that do not fit and recovery converges', async () => {
    h = await PresenceLab.start({
      org: presenceOrgConfig(),
      parameters: { ...PARAMETERS, exchangeThreads: 1, exchangeQueue: 1 },
    });
    await h.advanceTo(at('08:05'));
    // Five notifications at once: one re-read runs, one waits, the rest overflow the queue.
    for (const u of USERS)
      h.exchange.admin.createMeeting(`${u}@example.test`, inProgress('All hands', '08:00', '08:45'));
    await h.settle();
    const overflowed = h.journal('calendar').filter((m) => m.includes('Exchange Queue is full (1 waiting requests)'));
    expect(overflowed.length).toBeGreaterThan(0);
    await h.advance(MINUTE);
    expect(h.imp.calendars.list().map((s) => s.status)).toEqual(Array(5).fill('subscribed'));
    expect(USERS.map((u) => h!.presence(u).calendar)).toEqual(['busy', 'busy', 'oof', 'busy', 'busy']);
    expectConverged(h);
  });
});
