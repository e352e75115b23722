import { describe, expect, it } from 'vitest';
import { ConvergenceTracker, percentile } from '../../../../scenarios/chaos/convergence.ts';

const MIN = 60_000;
const users = [
  { userId: 'steady', mailbox: 'steady@example.test' },
  { userId: 'late', mailbox: 'late@example.test' },
  { userId: 'stuck', mailbox: 'stuck@example.test' },
];

describe('convergence: mismatched user-minutes by phase and the time to converge after the last fault', () => {
  // Faults from minute 10 to minute 20; samples every minute from 0 to 59.
  const tracker = new ConvergenceTracker(users, { from: 10 * MIN, to: 20 * MIN });
  for (let m = 0; m < 60; m++) {
    const t = m * MIN;
    tracker.record(t, 0, 'Available', m === 5 || m === 15 ? 'In a meeting' : 'Available');
    tracker.record(t, 1, 'In a meeting', m >= 12 && m <= 31 ? 'Available' : 'In a meeting');
    tracker.record(t, 2, 'In a meeting', m >= 50 ? 'Available' : 'In a meeting');
  }
  const [steady, late, stuck] = tracker.users;

  it('counts each mismatched sample in its phase (before, during, after the fault period, both ends inside)', () => {
    expect(steady!.mismatched).toEqual({ before: 1, during: 1, after: 0 });
    expect(late!.mismatched).toEqual({ before: 0, during: 9, after: 11 });
    expect(stuck!.mismatched).toEqual({ before: 0, during: 0, after: 10 });
  });

  it('a user matching from the last fault on converged at 0; one whose last mismatch was minute 31 after 12 minutes', () => {
    expect(tracker.convergedAfter(steady!, MIN)).toBe(0);
    expect(tracker.convergedAfter(late!, MIN)).toBe(12 * MIN);
  });

  it('a user still mismatched at the last sample never converged', () => {
    expect(tracker.convergedAfter(stuck!, MIN)).toBeNull();
    expect(stuck!.last).toEqual({ at: 59 * MIN, expected: 'In a meeting', published: 'Available' });
  });

  it('nearest-rank percentiles', () => {
    const hundred = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile(hundred, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBe(0);
  });
});
