import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ImpConfig } from '../../../../gateway/config/imp-config.ts';
import { type FeedMessage, PresenceFeed } from '../../../../gateway/presence/presence-feed.ts';
import { PresenceFeedClient } from '../../../../gateway/presence/presence-feed-client.ts';
import { PresenceStore } from '../../../../gateway/presence/presence-store.ts';
import { VirtualClock } from '../../../../sim/clock.ts';
import { Journal } from '../../../../sim/journal.ts';

const WATCHED = Array.from({ length: 300 }, (_, i) => `user${String(i).padStart(3, '0')}`);

describe('presence feed: the changes of one turn', () => {
  let config: ImpConfig;
  let store: PresenceStore;
  let feed: PresenceFeed;
  let server: Server;
  let client: PresenceFeedClient;
  /** The node's side of the client's connection. */
  let nodeSide: Socket;

  beforeEach(async () => {
    const clock = new VirtualClock(Date.UTC(2030, 4, 6, 9));
    config = ImpConfig.open(':memory:', clock);
    config.db.transaction(() => {
      config.users.add({ userId: 'watcher', mailbox: 'watcher@example.test', password: 'Burst-Passw0rd' });
      for (const u of WATCHED) config.users.add({ userId: u, mailbox: `${u}@example.test` });
    });
    store = new PresenceStore(() => clock.now());
    feed = new PresenceFeed(store, config.users, new Journal(clock, 100));
    server = createServer();
    server.on('upgrade', (req, socket, head) => {
      nodeSide = socket as Socket;
      feed.handleUpgrade(req, socket, head);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    client = await PresenceFeedClient.connect(`ws://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    expect(await client.login('watcher', 'Burst-Passw0rd')).toMatchObject({ type: 'welcome' });
    client.watch(WATCHED);
    for (const u of WATCHED) expect(await client.next()).toMatchObject({ type: 'presence', user: u });
  });

  afterEach(async () => {
    await client.close();
    feed.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    config.close();
  });

  it('reach a watching client in one write, every change in order', async () => {
    const writes = vi.spyOn(nodeSide, '_writev');
    const write = vi.spyOn(nodeSide, '_write');
    // A Calendar Spread boundary: every watched user moves in callbacks of one phase of one turn of the event loop.
    // Node runs the nextTick queue between two callbacks of a phase (timers, immediates): each callback's work ends
    // as a turn of its own would. Immediates queued together run in one phase, whatever the load.
    for (const u of WATCHED) setImmediate(() => store.setCalendar(u, 'busy'));
    for (const u of WATCHED) setImmediate(() => store.setClient(u, 'available'));
    const got: FeedMessage[] = [];
    for (let i = 0; i < 2 * WATCHED.length; i++) got.push(await client.next());
    expect(got.slice(0, WATCHED.length).map((m) => m.type === 'presence' && m.user)).toEqual(WATCHED);
    expect(got.at(-1)).toMatchObject({ type: 'presence', user: 'user299', presence: { label: 'In a meeting' } });
    // One system call for the 600 frames, not one per frame.
    expect(writes.mock.calls.length + write.mock.calls.length).toBe(1);
    expect(writes.mock.calls[0]?.[0]).toHaveLength(2 * 2 * WATCHED.length); // a header and a payload per frame

    // A change in a later turn goes out on its own, at once.
    store.setClient('user007', 'dnd');
    expect(await client.next()).toMatchObject({ user: 'user007', presence: { label: 'Do Not Disturb' } });
    expect(writes.mock.calls.length + write.mock.calls.length).toBe(2);
  });
});
