import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { runSelect } from '../../../../gateway/config/run-sql.ts';
import { GatewayError } from '../../../../gateway/gateway-error.ts';
import { LAB_USER_PASSWORD, Lab } from '../../../../lab/create-lab.ts';
import { settleUntil as settle } from '../../../../lab/time-driver.ts';
import { VirtualClock } from '../../../../sim/clock.ts';
import { TEST_START, testOrgConfig } from '../../../support/test-org.ts';

const HOUR = 3_600_000;

async function startLab(): Promise<Lab> {
  const lab = await Lab.create({ clock: new VirtualClock(TEST_START), org: testOrgConfig() });
  await lab.settle();
  return lab;
}

function client(lab: Lab, user: string, password = LAB_USER_PASSWORD) {
  const ws = new WebSocket(lab.presenceUrl);
  const messages: Record<string, unknown>[] = [];
  ws.on('message', (d) => messages.push(JSON.parse(d.toString())));
  const closed = new Promise<number>((r) => ws.on('close', (code) => r(code)));
  const opened = new Promise<void>((r) => ws.on('open', () => r()));
  return {
    ws,
    messages,
    closed,
    async login() {
      await opened;
      ws.send(JSON.stringify({ type: 'login', user, password }));
      await settle(() => messages.some((m) => m.type === 'welcome' || m.type === 'error'), `login reply for ${user}`);
      return messages.find((m) => m.type === 'welcome' || m.type === 'error')!;
    },
  };
}

describe('LDAP removal and licensing', () => {
  let lab: Lab;
  afterEach(async () => {
    await lab?.stop();
  });

  it('a user deleted from LDAP keeps subscription, presence and client for 24 hours, then is removed', async () => {
    lab = await startLab();
    const alice = client(lab, 'alice');
    expect((await alice.login()).type).toBe('welcome');
    expect(lab.imp.calendars.get('alice')?.status).toBe('subscribed');

    lab.imp.directory.ldap.delete('alice');
    const sync = lab.imp.directory.sync();
    expect(sync.ldap.deactivated).toEqual(['alice']);
    expect(sync.pendingRemoval).toEqual([{ userId: 'alice', at: TEST_START + 24 * HOUR }]);
    expect(lab.imp.directory.cucm.get('alice')?.status).toBe('inactive');

    // A new login fails (directory authentication), the existing client stays.
    const second = client(lab, 'alice');
    expect(await second.login()).toMatchObject({ type: 'error', code: 'login-failed' });
    second.ws.close();

    await lab.advance(24 * HOUR - 60_000);
    expect(lab.imp.config.users.get('alice')?.licensed).toBe(true);
    expect(lab.imp.calendars.get('alice')?.status).toBe('subscribed');
    expect(lab.imp.feed?.loggedIn()).toContain('alice');
    expect(alice.ws.readyState).toBe(WebSocket.OPEN);

    await lab.advance(60_000);
    expect(lab.imp.config.users.get('alice')).toBeUndefined();
    expect(lab.imp.calendars.get('alice')).toBeUndefined();
    await settle(() => alice.messages.some((m) => m.type === 'logout'), 'logout message');
    expect(alice.messages.find((m) => m.type === 'logout')?.reason).toMatch(/sync agent/);
    expect(await alice.closed).toBe(4001);
  });

  it('removing the license ends the subscription and logs the client out at once', async () => {
    lab = await startLab();
    const bob = client(lab, 'bob');
    await bob.login();
    lab.imp.unlicense('bob');
    expect(lab.imp.calendars.get('bob')).toBeUndefined();
    await settle(() => bob.messages.some((m) => m.type === 'logout'), 'logout');
    expect(bob.messages.find((m) => m.type === 'logout')?.reason).toBe('IM and Presence license removed');
    expect(lab.imp.presence.get('bob')).toMatchObject({ label: 'Offline', calendar: 'unknown' });
    expect((await client(lab, 'bob').login()).type).toBe('error');
  });

  it('bad input: unknown locale, sync while LDAP is unreachable, unlicensing an unknown user', async () => {
    lab = await startLab();
    const d = lab.imp.directory;
    expect(() => d.locales.install('xx_XX', 'imp')).toThrow(/Unknown locale "xx_XX"/);
    expect(d.locales.list().map((l) => l.locale)).toEqual(['en_US', 'en_US']);
    d.ldap.delete('bob');
    d.ldap.setReachable(false);
    expect(() => d.sync()).toThrow(/LDAP directory is unreachable; nothing was changed/);
    expect(d.cucm.get('bob')?.status).toBe('active');
    expect(() => lab.imp.unlicense('nobody')).toThrow(GatewayError);
    expect(lab.imp.config.users.list()).toHaveLength(3);
  });
});

describe('localized calendar folder', () => {
  let lab: Lab;
  afterEach(async () => {
    await lab?.stop();
  });

  const carolSub = () => lab.imp.calendars.get('carol');
  const sql = (q: string) => runSelect(lab.imp.config.db, q).rows;

  it('German mailbox, English gateway row: stale state with a log line naming the missing word', async () => {
    lab = await startLab();
    expect(carolSub()?.status).toBe('folder-not-found');
    expect(
      lab.journal
        .entries({ source: 'calendar' })
        .some((e) => e.message.includes('calendar folder "Calendar"') && e.message.includes('carol@example.test')),
    ).toBe(true);
    await lab.runUntil(Date.UTC(2030, 4, 6, 11, 1));
    expect(lab.imp.presence.get('carol').calendar).toBe('unknown');
  });

  async function procedure(opts: { restart: boolean; readd: boolean; userLocaleFirst?: boolean }) {
    const imp = lab.imp;
    if (opts.userLocaleFirst) imp.directory.cucm.setLocale('carol', 'de_DE');
    imp.directory.locales.install('de_DE', 'imp');
    imp.directory.locales.install('de_DE', 'cucm');
    if (opts.restart) await imp.restartNode();
    if (opts.readd) {
      for (const gw of imp.config.gateways.list()) {
        imp.config.gateways.delete(gw.id);
        imp.addGateway({ host: gw.host, port: gw.port });
      }
    }
    if (!opts.userLocaleFirst) imp.directory.cucm.setLocale('carol', 'de_DE');
    await imp.engine.restart();
    await lab.settle();
  }

  it('the documented procedure fixes the German user without breaking the English users of the same gateway', async () => {
    lab = await startLab();
    // Before: one gateway, an English and a German mailbox; only the German one is not found.
    expect([lab.imp.calendars.get('alice')?.status, carolSub()?.status]).toEqual(['subscribed', 'folder-not-found']);
    // The three users of the organization, counted by status.
    expect(lab.imp.calendars.statusCounts()).toEqual({
      subscribing: 0,
      subscribed: 2,
      retrying: 0,
      'folder-not-found': 1,
      stopped: 0,
    });
    await procedure({ restart: true, readd: true });
    expect(sql('SELECT DISTINCT localecalendarname FROM pebackendgateway')).toEqual([['Kalender']]);
    // After: each user is looked up by the word of her own locale (en_US: "Calendar", de_DE: "Kalender").
    expect([lab.imp.calendars.get('alice')?.status, carolSub()?.status]).toEqual(['subscribed', 'subscribed']);
    await lab.runUntil(Date.UTC(2030, 4, 6, 11, 1));
    expect(lab.imp.presence.get('carol').calendar).toBe('busy');
    expect(lab.imp.calendars.list().filter((c) => c.status !== 'subscribed')).toEqual([]);
    expect(lab.imp.calendars.statusCounts()).toMatchObject({ subscribed: 3, 'folder-not-found': 0 });
  });

  it.each([
    { restart: false, readd: true },
    { restart: true, readd: false },
  ])(
    'restart $restart, re-add $readd: the row stays English; a German locale in effect still finds "Kalender"',
    async (steps) => {
      lab = await startLab();
      await procedure(steps);
      expect(sql('SELECT DISTINCT localecalendarname FROM pebackendgateway')).toEqual([['Calendar']]);
      expect(lab.imp.directory.cucm.get('carol')?.localeApplied).toBe(true);
      expect(carolSub()?.status).toBe('subscribed');
    },
  );

  it('a user locale set before the installs is not in effect: the user gets the row word until it is toggled', async () => {
    lab = await startLab();
    await procedure({ restart: true, readd: false, userLocaleFirst: true });
    expect(lab.imp.directory.cucm.get('carol')?.localeApplied).toBe(false);
    expect(carolSub()?.status).toBe('folder-not-found');
    expect(carolSub()?.reason).toMatch(/calendar folder "Calendar" \(pebackendgateway\.localecalendarname of /);
    lab.imp.directory.cucm.setLocale('carol', 'en_US');
    lab.imp.directory.cucm.setLocale('carol', 'de_DE');
    await lab.imp.engine.restart();
    await lab.settle();
    expect(carolSub()?.status).toBe('subscribed');
  });

  it('with the row fixed, a user whose locale is not in effect is found through the row word', async () => {
    lab = await startLab();
    await procedure({ restart: true, readd: true, userLocaleFirst: true });
    expect(lab.imp.directory.cucm.get('carol')?.localeApplied).toBe(false);
    expect(carolSub()?.status).toBe('subscribed');
  });
});
