import { afterEach, describe, expect, it } from 'vitest';
import { PresenceLab } from '../../../support/presence-lab.ts';
import { presenceOrgConfig } from '../../../support/presence-org.ts';
import { T } from '../../../support/test-org.ts';

const at = (hhmm: string) => Date.parse(T(hhmm));

describe('the mailbox-move defect (faithful by default) and its fix', () => {
  let h: PresenceLab | undefined;
  afterEach(async () => {
    await h?.stop();
    h = undefined;
  });

  const patchUser = async (user: string, body: unknown) => {
    const res = await fetch(`${h!.lab.impAdminUrl}/api/users/${user}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${h!.lab.token}` },
      body: JSON.stringify(body),
    });
    return { status: res.status, json: (await res.json()) as Record<string, any> };
  };

  it('after a move the state goes stale with keepalives still flowing; calendaring off and on subscribes where the mailbox lives now', async () => {
    h = await PresenceLab.start({ org: presenceOrgConfig(), parameters: { ewsStatusFrequency: 10 } });
    h.imp.presence.setClient('alice', 'available');
    const subsOf = () => h!.exchange.admin.subscriptions({ mailbox: 'alice@example.test' });
    expect(subsOf()).toMatchObject([{ server: 'ex1', stale: false }]);

    expect(h.exchange.admin.moveMailbox('alice@example.test', 'ex2')).toMatchObject({ from: 'ex1', to: 'ex2' });
    await h.advanceTo(at('08:05'));
    h.exchange.admin.createMeeting('alice@example.test', {
      subject: 'Migration retro',
      start: T('08:00'),
      end: T('08:55'),
      freeBusy: 'Busy',
    });
    await h.settle();
    // Exchange sends no event to the subscription the old server holds, only keepalives: nothing looks wrong.
    await h.advanceTo(at('08:50'));
    expect(h.truth('alice@example.test', h.clock.now())).toBe('busy');
    expect(h.presence('alice')).toMatchObject({ label: 'Available', calendar: 'free' });
    expect(h.imp.calendars.get('alice')?.status).toBe('subscribed');
    expect(subsOf()).toMatchObject([{ server: 'ex1', stale: true, state: 'active' }]);
    expect(h.journal('calendar').some((m) => m.startsWith('no notification'))).toBe(false);
    const keepalives = h.lab.journal
      .entries()
      .filter((e) => e.message.startsWith('push to') && e.data?.mailbox === 'alice@example.test' && e.at > at('08:05'));
    expect(keepalives.length).toBeGreaterThanOrEqual(4);

    // The documented fix: disable and re-enable "include meeting information in presence" for the user.
    const off = await patchUser('alice', { calendaring: false });
    expect(off.status).toBe(200);
    expect(off.json.user).toMatchObject({ calendaring: false, subscription: null });
    expect(h.presence('alice').calendar).toBe('unknown');
    const on = await patchUser('alice', { calendaring: true });
    expect(on.status).toBe(200);
    await h.settle();
    expect(h.presence('alice')).toMatchObject({ label: 'In a meeting', calendar: 'busy' });
    expect(subsOf().find((s) => !s.stale)).toMatchObject({ server: 'ex2' });

    // The new subscription hears changes again; the stale one is answered Unsubscribe at its next keepalive.
    const retro = h.exchange.admin.meetings('alice@example.test').find((m) => m.subject === 'Migration retro')!;
    h.exchange.admin.deleteMeeting('alice@example.test', retro.id);
    await h.settle();
    expect(h.presence('alice').label).toBe('Available');
    await h.advanceTo(at('09:05'));
    expect(subsOf()).toMatchObject([{ server: 'ex2', stale: false }]);
    expect(h.presence('alice').label).toBe('In a meeting');
  });

  it('the admin API refuses bad user changes and changes nothing', async () => {
    h = await PresenceLab.start({ org: presenceOrgConfig() });
    expect(await patchUser('alice', { calendaring: 'no' })).toMatchObject({
      status: 400,
      json: { code: 'INVALID_VALUE', field: 'calendaring' },
    });
    expect(await patchUser('alice', { calendar: false })).toMatchObject({ status: 400, json: { field: 'calendar' } });
    expect(await patchUser('alice', { mailbox: 'not-an-address' })).toMatchObject({
      status: 400,
      json: { field: 'mailbox' },
    });
    expect(await patchUser('nobody', { calendaring: false })).toMatchObject({
      status: 404,
      json: { code: 'UNKNOWN_USER' },
    });
    expect(h.imp.config.users.get('alice')).toMatchObject({ calendaring: true, mailbox: 'alice@example.test' });
    expect(h.imp.calendars.get('alice')?.status).toBe('subscribed');
  });
});
