import { afterEach, describe, expect, it } from 'vitest';
import { spreadOffsetSeconds } from '../../../../gateway/calendar/calendar-spread.ts';
import type { FeedMessage } from '../../../../gateway/presence/presence-feed.ts';
import { PresenceFeedClient } from '../../../../gateway/presence/presence-feed-client.ts';
import { LAB_USER_PASSWORD } from '../../../../lab/create-lab.ts';
import { PresenceLab } from '../../../support/presence-lab.ts';
import { presenceOrgConfig } from '../../../support/presence-org.ts';
import { T } from '../../../support/test-org.ts';

const presenceOf = (user: string, label?: string) => (m: FeedMessage) =>
  m.type === 'presence' && m.user === user && (label === undefined || m.presence.label === label);

describe('presence feed over WebSocket', () => {
  let h: PresenceLab | undefined;
  const clients: PresenceFeedClient[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.close();
    await h?.stop();
    h = undefined;
  });
  const connect = async () => {
    const c = await PresenceFeedClient.connect(h!.lab.presenceUrl);
    clients.push(c);
    return c;
  };

  it('log in, watch contacts, receive their current presence at once and every change after', async () => {
    h = await PresenceLab.start({ org: presenceOrgConfig() });
    const alice = await connect();
    alice.send({ type: 'login', user: 'alice', password: 'cisco' });
    // The first message after a login is the welcome.
    expect(await alice.next()).toEqual({
      type: 'welcome',
      user: 'alice',
      presence: { label: 'Available', client: 'available', calendar: 'free' },
    });
    alice.send({ type: 'watch', users: ['erin', 'Carol'] });
    expect(await alice.next()).toMatchObject({ type: 'presence', user: 'erin', presence: { label: 'Offline' } });
    // carol is not logged in: Offline beats her out-of-office calendar, which the gateway still holds.
    expect(await alice.next()).toMatchObject({
      type: 'presence',
      user: 'carol',
      presence: { label: 'Offline', calendar: 'oof' },
    });

    const erin = await connect();
    await erin.login('erin', LAB_USER_PASSWORD);
    expect(await alice.next()).toMatchObject({ type: 'presence', user: 'erin', presence: { label: 'Available' } });

    // erin's 09:00 meeting, published at her spread offset, reaches alice stamped with that instant.
    const publish = Date.parse(T('09:00')) + spreadOffsetSeconds('erin', 50) * 1000;
    await h.advanceTo(publish);
    expect(await alice.next(presenceOf('erin'))).toEqual({
      type: 'presence',
      user: 'erin',
      presence: { label: 'In a meeting', client: 'available', calendar: 'busy' },
      at: publish,
    });
    expect(await erin.next(presenceOf('erin'))).toMatchObject({ presence: { label: 'In a meeting' } });

    // Do Not Disturb beats the calendar; the user's own clients and watchers both hear it.
    erin.send({ type: 'set', state: 'dnd' });
    expect(await alice.next(presenceOf('erin'))).toMatchObject({ presence: { label: 'Do Not Disturb' } });
    erin.send({ type: 'set', state: 'available' });
    expect(await alice.next(presenceOf('erin'))).toMatchObject({ presence: { label: 'In a meeting' } });

    alice.send({ type: 'unwatch', users: ['erin'] });
    erin.close();
    await h.until(() => h!.presence('erin').client === 'offline', 'the node seeing erin log off');
    // Logged out in the middle of her meeting: Offline, not In a meeting (the chapter, LDAP removal).
    expect(h.presence('erin')).toMatchObject({ label: 'Offline', calendar: 'busy' });
    // Unwatched: erin going offline is not sent; a round trip proves nothing was queued before it.
    alice.send({ type: 'watch', users: ['carol'] });
    expect(await alice.next()).toMatchObject({ type: 'presence', user: 'carol' });
    expect(h.presence('erin')).toMatchObject({ label: 'Offline', client: 'offline', calendar: 'busy' });
  });

  it('a wrong password and malformed messages get clear errors and do not disturb other clients', async () => {
    h = await PresenceLab.start({ org: presenceOrgConfig() });
    const good = await connect();
    await good.login('bob', LAB_USER_PASSWORD);
    good.send({ type: 'watch', users: ['dave'] });
    await good.next(presenceOf('dave'));

    const bad = await connect();
    expect(await bad.login('dave', 'wrong')).toMatchObject({
      type: 'error',
      code: 'login-failed',
      message: expect.stringContaining('Login failed for "dave"'),
    });
    bad.send('this is not JSON');
    expect(await bad.next()).toMatchObject({
      type: 'error',
      code: 'bad-message',
      message: expect.stringContaining('Not a JSON message'),
    });
    bad.send({ user: 'dave' });
    expect(await bad.next()).toMatchObject({ type: 'error', code: 'bad-message' });
    bad.send({ type: 'watch', users: ['bob'] });
    expect(await bad.next()).toMatchObject({ type: 'error', code: 'not-logged-in' });
    bad.socket.send(Buffer.from([0, 1, 2]), { binary: true });
    expect(await bad.next()).toMatchObject({ type: 'error', code: 'bad-message' });
    expect(await bad.login('dave', LAB_USER_PASSWORD)).toMatchObject({ type: 'welcome', user: 'dave' });
    bad.send({ type: 'set', state: 'busy' });
    expect(await bad.next()).toMatchObject({
      type: 'error',
      code: 'bad-message',
      message: expect.stringContaining('"state"'),
    });
    bad.send({ type: 'watch', users: 'bob' });
    expect(await bad.next()).toMatchObject({ type: 'error', code: 'bad-message' });
    bad.send({ type: 'watch', users: ['nobody'] });
    expect(await bad.next()).toMatchObject({ type: 'error', code: 'unknown-user', message: 'No user "nobody"' });
    bad.send({ type: 'teleport' });
    expect(await bad.next()).toMatchObject({
      type: 'error',
      code: 'bad-message',
      message: 'Unknown message type "teleport"',
    });

    // The other client saw dave come online and nothing else; its session still works.
    expect(await good.next(presenceOf('dave'))).toMatchObject({ presence: { label: 'Available' } });
    bad.send({ type: 'set', state: 'away' });
    expect(await good.next(presenceOf('dave'))).toMatchObject({ presence: { label: 'Away' } });
    expect(good.unread()).toEqual([]);
    expect(good.messages.some((m) => m.type === 'error')).toBe(false);
    expect(bad.socket.readyState).toBe(bad.socket.OPEN);
  });

  it('removing the license logs the user out of every client at once', async () => {
    h = await PresenceLab.start({ org: presenceOrgConfig() });
    const watcher = await connect();
    await watcher.login('alice', LAB_USER_PASSWORD);
    watcher.send({ type: 'watch', users: ['dave'] });
    await watcher.next(presenceOf('dave'));
    const dave = await connect();
    await dave.login('dave', LAB_USER_PASSWORD);
    await watcher.next(presenceOf('dave', 'Available'));
    const res = await fetch(`${h.lab.impAdminUrl}/api/users/dave`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${h.lab.token}` },
      body: JSON.stringify({ licensed: false }),
    });
    expect(res.status).toBe(200);
    // The subscription ends first (calendar unknown), then the client is told why it is logged out.
    expect(await dave.next((m) => m.type === 'logout')).toEqual({
      type: 'logout',
      reason: 'IM and Presence license removed',
    });
    expect(h.imp.calendars.get('dave')).toBeUndefined();
    expect(await dave.closed).toMatchObject({ code: 4001 });
    expect(await watcher.next(presenceOf('dave', 'Offline'))).toMatchObject({ presence: { client: 'offline' } });
    const again = await connect();
    expect(await again.login('dave', LAB_USER_PASSWORD)).toMatchObject({ type: 'error', code: 'login-failed' });
  });
});
