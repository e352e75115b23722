import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { FeedMessage } from '../../../../gateway/presence/presence-feed.ts';
import { PresenceFeedClient } from '../../../../gateway/presence/presence-feed-client.ts';
import { LAB_USER_PASSWORD } from '../../../../lab/create-lab.ts';
import { PresenceLab } from '../../../support/presence-lab.ts';
import { presenceOrgConfig } from '../../../support/presence-org.ts';

/** The status of a WebSocket handshake: 101 when it opens, else the refusal's HTTP status. */
function handshake(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('error', () => resolve(0));
  });
}

describe('presence feed: password guessing is slowed, other origins and host names are refused', () => {
  let h: PresenceLab | undefined;
  const clients: PresenceFeedClient[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.close();
    await h?.stop();
    h = undefined;
  });

  it('1,000 wrong passwords at one instant: 5 are checked, 995 are refused unchecked, the right one waits 1 s', async () => {
    h = await PresenceLab.start({ org: presenceOrgConfig() });
    const guesser = await PresenceFeedClient.connect(h.lab.presenceUrl);
    clients.push(guesser);
    const replies: FeedMessage[] = [];
    for (let i = 0; i < 1000; i++) {
      guesser.send({ type: 'login', user: 'alice', password: `guess-${i}` });
      replies.push(await guesser.next());
    }
    const codes = replies.map((m) => (m.type === 'error' ? m.code : m.type));
    expect(codes.slice(0, 5)).toEqual(Array(5).fill('login-failed'));
    expect(codes.filter((c) => c === 'login-throttled')).toHaveLength(995);
    expect(replies[5]).toMatchObject({ retryAfterMs: 1000 });

    // Locked out, the right password is not even checked; from another connection either.
    const alice = await PresenceFeedClient.connect(h.lab.presenceUrl);
    clients.push(alice);
    alice.send({ type: 'login', user: 'alice', password: LAB_USER_PASSWORD });
    expect(await alice.next()).toMatchObject({ type: 'error', code: 'login-throttled', retryAfterMs: 1000 });
    // Other users are not locked by alice's failures.
    expect(await alice.login('bob', LAB_USER_PASSWORD)).toMatchObject({ type: 'welcome', user: 'bob' });
    const locked = h.lab.journal.entries({ source: 'presence-feed' }).filter((e) => /locked out/.test(e.message));
    expect(locked).toHaveLength(1);

    // One second of the node's (virtual) clock later, the right password works and clears the count.
    await h.advance(1000);
    const again = await PresenceFeedClient.connect(h.lab.presenceUrl);
    clients.push(again);
    expect(await again.login('alice', LAB_USER_PASSWORD)).toMatchObject({ type: 'welcome', user: 'alice' });
  });

  it('refuses a WebSocket from another origin or naming another host; a client without Origin (not a browser) connects', async () => {
    h = await PresenceLab.start({ org: presenceOrgConfig() });
    const url = h.lab.presenceUrl;
    const self = new URL(url).host;
    expect(await handshake(url, { origin: 'http://evil.example' })).toBe(403);
    expect(await handshake(url, { host: `rebound.example:${new URL(url).port}` })).toBe(421);
    expect(await handshake(url, { origin: `http://${self}` })).toBe(101);
    expect(await handshake(url, {})).toBe(101);
  });
});
