import { createHash } from 'node:crypto';

/**
 * Calendar Spread: each user's transitions are published this many seconds after the boundary minute,
 * a stable hash of the user id in [0, spread], so that a whole node does not flip at once.
 */
export function spreadOffsetSeconds(userId: string, spreadSeconds: number): number {
  if (spreadSeconds <= 0) return 0;
  const h = createHash('sha256').update(userId.toLowerCase()).digest().readUInt32BE(0);
  return h % (spreadSeconds + 1);
}

/** When a transition at `boundary` is published for this user. */
export function publishTime(boundary: number, userId: string, spreadSeconds: number): number {
  const minute = Math.floor(boundary / 60_000) * 60_000;
  return Math.max(boundary, minute + spreadOffsetSeconds(userId, spreadSeconds) * 1000);
}
