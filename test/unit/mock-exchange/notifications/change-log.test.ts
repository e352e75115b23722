import { describe, expect, it } from 'vitest';
import { MailboxChangeLog } from '../../../../mock-exchange/notifications/change-log.ts';
import { decodeWatermark, encodeWatermark, watermarkTag } from '../../../../mock-exchange/notifications/watermark.ts';

const DAY = 86_400_000;
const item = (id: string) => ({ kind: 'item' as const, id, changeKey: 'CK' });

function log(address = 'alice@example.test', seed = 'seed', retentionMs?: number) {
  let now = Date.UTC(2030, 4, 6);
  const l = new MailboxChangeLog(address, watermarkTag(seed, address), () => now, retentionMs);
  return { log: l, tick: (ms: number) => (now += ms) };
}

describe('mailbox change log and watermarks', () => {
  it('gives reproducible watermarks per seed and mailbox, distinct across seeds and mailboxes', () => {
    const a = log().log;
    const again = log().log;
    const otherSeed = log('alice@example.test', 'other').log;
    const otherBox = log('bob@example.test').log;
    const wa = a.append('CreatedEvent', item('i1'), 'cal').watermark;
    expect(again.append('CreatedEvent', item('i1'), 'cal').watermark).toBe(wa);
    expect(otherSeed.append('CreatedEvent', item('i1'), 'cal').watermark).not.toBe(wa);
    expect(otherBox.append('CreatedEvent', item('i1'), 'cal').watermark).not.toBe(wa);
    expect(wa).toMatch(/^AQAAA[A-Za-z0-9+/]+=*$/);
  });

  it('numbers events from 1 and replays everything after a watermark', () => {
    const { log: l } = log();
    const start = l.watermark(l.head);
    const events = ['i1', 'i2', 'i3'].map((id) => l.append('CreatedEvent', item(id), 'cal'));
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3]);
    const pos = l.position(start);
    expect(pos).toEqual({ ok: true, seq: 0 });
    expect([...l.after(1)].map((e) => e.target.id)).toEqual(['i2', 'i3']);
    expect([...l.after(0, 2)].map((e) => e.target.id)).toEqual(['i1', 'i2']);
  });

  it('refuses a watermark of another mailbox, a future one, garbage, and one older than the retention window', () => {
    const { log: l, tick } = log('alice@example.test', 'seed', 30 * DAY);
    const bob = log('bob@example.test').log;
    bob.append('CreatedEvent', item('b1'), 'cal');
    expect(l.position(bob.watermark(0))).toEqual({ ok: false, reason: 'other-mailbox' });
    expect(l.position(l.watermark(5))).toEqual({ ok: false, reason: 'unknown' });
    expect(l.position('not a watermark!')).toEqual({ ok: false, reason: 'malformed' });
    expect(l.position(Buffer.from('short').toString('base64'))).toEqual({ ok: false, reason: 'malformed' });

    const w0 = l.watermark(0);
    l.append('CreatedEvent', item('old'), 'cal');
    const w1 = l.watermark(1);
    tick(31 * DAY);
    l.append('CreatedEvent', item('new'), 'cal');
    // The first event fell out of the window: replaying from before it would silently miss it.
    expect(l.position(w0)).toEqual({ ok: false, reason: 'expired' });
    expect(l.position(w1)).toEqual({ ok: true, seq: 1 });
    expect([...l.after(0)].map((e) => e.target.id)).toEqual(['new']);
  });

  it('round-trips the encoding and rejects wrong lengths and versions', () => {
    const tag = watermarkTag('s', 'x@y');
    expect(decodeWatermark(encodeWatermark(tag, 123456789))).toEqual({ tag, seq: 123456789 });
    const raw = Buffer.from(encodeWatermark(tag, 1), 'base64');
    raw[0] = 2;
    expect(decodeWatermark(raw.toString('base64'))).toBeUndefined();
  });

  it('takes the head itself as a good position, and a log whose every event expired still refuses what came before them', () => {
    const { log: l, tick } = log('alice@example.test', 'seed', 30 * DAY);
    const w0 = l.watermark(0);
    l.append('CreatedEvent', item('i1'), 'cal');
    expect(l.position(l.watermark(1))).toEqual({ ok: true, seq: 1 });
    tick(31 * DAY);
    // Nothing is kept now: the head is still a good place to read on from, before the head is not.
    expect(l.size).toBe(1);
    expect(l.position(l.watermark(1))).toEqual({ ok: true, seq: 1 });
    expect(l.size).toBe(0);
    expect(l.oldestRetained()).toBe(2);
    expect(l.position(w0)).toEqual({ ok: false, reason: 'expired' });
  });

  it('keeps an event exactly 30 days old and drops it one millisecond later', () => {
    const { log: l, tick } = log('alice@example.test', 'seed', 30 * DAY);
    l.append('CreatedEvent', item('i1'), 'cal');
    tick(30 * DAY);
    expect(l.position(l.watermark(0))).toEqual({ ok: true, seq: 0 });
    tick(1);
    expect(l.position(l.watermark(0))).toEqual({ ok: false, reason: 'expired' });
  });

  it('tells a reader whether events after its position already left the window', () => {
    const { log: l, tick } = log('alice@example.test', 'seed', 30 * DAY);
    l.append('CreatedEvent', item('i1'), 'cal');
    l.append('CreatedEvent', item('i2'), 'cal');
    expect(l.missedAfter(0)).toBe(false);
    tick(20 * DAY);
    l.append('CreatedEvent', item('i3'), 'cal');
    tick(11 * DAY); // i1 and i2 are 31 days old, i3 is 11 days old
    expect(l.missedAfter(0)).toBe(true);
    expect(l.oldestRetained()).toBe(3);
    expect(l.missedAfter(1)).toBe(true);
    expect(l.missedAfter(2)).toBe(false);
    expect(l.missedAfter(3)).toBe(false);
    tick(30 * DAY);
    // Everything expired: a reader at the head missed nothing, one before it did.
    expect(l.missedAfter(3)).toBe(false);
    expect(l.oldestRetained()).toBe(4);
    expect(l.missedAfter(2)).toBe(true);
  });
});
