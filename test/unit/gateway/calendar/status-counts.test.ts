import { describe, expect, it } from 'vitest';
import {
  type CalendarContext,
  noStatusCounts,
  setStatus,
  type Tracked,
  track,
  untrack,
  untrackAll,
} from '../../../../gateway/calendar/calendar-context.ts';
import type { EndUser } from '../../../../gateway/config/user-store.ts';

/** Only what the counting functions touch: the tracked users and their counts. */
const context = () => ({ subs: new Map<string, Tracked>(), counts: noStatusCounts() }) as unknown as CalendarContext;
const tracked = (userId: string): Tracked => ({
  userId,
  mailbox: `${userId}@example.test`,
  status: 'subscribing',
  mode: 'push',
  blocks: [],
  attempts: 0,
  epoch: 0,
  user: {} as EndUser,
});

describe('status counts of tracked users', () => {
  it('count a user from tracking to untracking, each status change moving one count', () => {
    const ctx = context();
    const alice = tracked('alice');
    track(ctx, alice);
    expect(ctx.counts).toEqual({ subscribing: 1, subscribed: 0, retrying: 0, 'folder-not-found': 0, stopped: 0 });
    setStatus(ctx, alice, 'subscribed');
    setStatus(ctx, alice, 'subscribed');
    expect(alice.status).toBe('subscribed');
    expect(ctx.counts).toEqual({ subscribing: 0, subscribed: 1, retrying: 0, 'folder-not-found': 0, stopped: 0 });
    untrack(ctx, 'alice');
    untrack(ctx, 'alice');
    expect(ctx.counts).toEqual(noStatusCounts());
  });

  it('leave the counts alone for a user no longer tracked, or replaced by a newer subscription', () => {
    const ctx = context();
    const old = tracked('bob');
    track(ctx, old);
    untrack(ctx, 'bob');
    const newer = tracked('bob');
    track(ctx, newer);
    // Late work of the replaced subscription still records its status, but is not counted.
    setStatus(ctx, old, 'retrying');
    expect(old.status).toBe('retrying');
    expect(ctx.counts).toEqual({ subscribing: 1, subscribed: 0, retrying: 0, 'folder-not-found': 0, stopped: 0 });
    track(ctx, tracked('carol'));
    untrackAll(ctx);
    expect(ctx.counts).toEqual(noStatusCounts());
    expect(ctx.subs.size).toBe(0);
  });
});
