import { afterEach, describe, expect, it } from 'vitest';
import { controlCharacters } from '../../../support/control-chars.ts';
import { PresenceLab } from '../../../support/presence-lab.ts';
import { presenceOrgConfig } from '../../../support/presence-org.ts';
import { forgedNotification, type PushReply, pushPost, UNSUBSCRIBE } from '../../../support/push-post.ts';

/** ex1's address in presenceOrgConfig: the only source a push for alice may come from, besides ex2's. */
const EX1 = '127.0.30.1';
const STRANGER = '127.0.0.1';

describe('the notification port accepts pushes only from configured gateways, for subscriptions it made', () => {
  let h: PresenceLab | undefined;
  afterEach(async () => {
    await h?.stop();
    h = undefined;
  });

  it('a forged error notification from another address for a real subscription is answered Unsubscribe and ignored', async () => {
    h = await PresenceLab.start({ org: presenceOrgConfig() });
    const alice = h.imp.calendars.get('alice');
    expect(alice?.mode).toBe('push');
    const id = alice?.subscriptionId ?? '';
    expect(id).not.toBe('');
    for (let i = 0; i < 3; i++) {
      const reply = await pushPost(
        h.imp.calendars.callbackUrl,
        forgedNotification(id, 'ErrorReadEventsFailed'),
        STRANGER,
      );
      expect(reply.status).toBe(200);
      expect(reply.body).toMatch(UNSUBSCRIBE);
    }
    await h.settle();
    // No resubscribe: the same subscription, still subscribed, and no "subscribing again" line.
    expect(h.imp.calendars.get('alice')?.subscriptionId).toBe(id);
    expect(h.journal('calendar').filter((m) => m.includes('subscribing again'))).toEqual([]);
    // Logged once for the three posts.
    expect(h.journal('calendar').filter((m) => m.includes(STRANGER))).toEqual([
      `push notification from ${STRANGER}, not a configured gateway: replying Unsubscribe`,
    ]);
  });

  it('a 1 MB unknown SubscriptionId from a gateway address is answered Unsubscribe and logged once, cut and escaped', async () => {
    h = await PresenceLab.start({ org: presenceOrgConfig() });
    // XML 1.0 carries no ESC, but a newline forges a line in `pgsim logs` unless escaped.
    const forged = `AAMk\r\n2030-05-06T08:00:00.000Z INFO  [calendar] forged${'x'.repeat(1_000_000)}`;
    for (let i = 0; i < 2; i++) {
      const reply = await pushPost(h.imp.calendars.callbackUrl, forgedNotification(forged), EX1);
      expect(reply.status).toBe(200);
      expect(reply.body).toMatch(UNSUBSCRIBE);
    }
    const lines = h.journal('calendar').filter((m) => m.startsWith('notification for unknown subscription'));
    expect(lines).toHaveLength(1);
    const line = lines[0] ?? '';
    expect(line.length).toBeLessThan(400);
    expect(line).toContain('AAMk\\x0d\\x0a2030-05-06T08:00:00.000Z INFO  [calendar] forgedxxx');
    expect(line).toContain('more characters]');
    expect(controlCharacters(line)).toEqual([]);
  });

  it('a notification over 1 MB gets 413 with Connection: close', async () => {
    h = await PresenceLab.start({ org: presenceOrgConfig() });
    const reply = await pushPost(
      h.imp.calendars.callbackUrl,
      forgedNotification('x'.repeat(2 * 1024 * 1024)),
      EX1,
    ).catch((err: NodeJS.ErrnoException): PushReply => ({ status: 0, headers: {}, body: err.code ?? '' }));
    // The listener may close while the client still writes (EPIPE/ECONNRESET); when the reply arrives it says close.
    if (reply.status !== 0) {
      expect(reply.status).toBe(413);
      expect(reply.headers.connection).toBe('close');
    } else expect(['EPIPE', 'ECONNRESET']).toContain(reply.body);
  });
});
