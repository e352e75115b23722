import { afterEach, describe, expect, it, vi } from 'vitest';
import { PresenceStore } from '../../../../gateway/presence/presence-store.ts';
import { RELEASE_8_5_2 } from '../../../../gateway/releases/release-8-5-2.ts';
import { describeLoad, LoadTracker } from '../../../../scenarios/load/load-tracker.ts';
import { RssPeak } from '../../../../scenarios/load/rss-peak.ts';

const MB = 1024 * 1024;

describe('RssPeak', () => {
  const peaks: RssPeak[] = [];
  afterEach(() => {
    for (const p of peaks.splice(0)) p.stop();
  });

  it('keeps the highest resident set sampled since it began, which falls back with the process, not with it', () => {
    let rss = 300 * MB;
    const peak = new RssPeak(() => rss, 60_000);
    peaks.push(peak);
    expect(peak.startKb).toBe(300 * 1024);
    rss = 420 * MB;
    expect(peak.sample()).toBe(420 * 1024);
    rss = 310 * MB;
    expect(peak.sample()).toBe(420 * 1024);
    expect(peak.peakKb).toBe(420 * 1024);
  });

  it('samples on its own timer until stopped', () => {
    vi.useFakeTimers();
    try {
      let rss = 100 * MB;
      let reads = 0;
      const peak = new RssPeak(() => {
        reads++;
        return rss;
      }, 100);
      peaks.push(peak);
      rss = 150 * MB;
      vi.advanceTimersByTime(99);
      expect(peak.peakKb).toBe(100 * 1024);
      vi.advanceTimersByTime(1);
      expect(peak.peakKb).toBe(150 * 1024);
      peak.stop();
      const after = reads;
      rss = 900 * MB;
      vi.advanceTimersByTime(1_000);
      expect(reads).toBe(after);
      expect(peak.peakKb).toBe(150 * 1024);
    } finally {
      vi.useRealTimers();
    }
  });

  it('refuses an interval that is not a positive number', () => {
    expect(() => new RssPeak(() => 1, 0)).toThrow(/positive number of milliseconds, not 0/);
    expect(() => new RssPeak(() => 1, Number.NaN)).toThrow(RangeError);
  });
});

describe('LoadTracker memory', () => {
  it('reports the peak of its own run, not the peak of an earlier, larger run in the same process', () => {
    let now = Date.UTC(2026, 11, 7, 8, 59);
    const presence = new PresenceStore(() => now);
    // An earlier run in this process peaked far higher; this run's memory starts lower and peaks at 330 MB.
    const maxRssOfProcess = process.resourceUsage().maxRSS;
    let rss = 300 * MB;
    const users = ['a@x.test', 'b@x.test', 'c@x.test', 'd@x.test'];
    const memory = new RssPeak(() => rss, 60_000);
    const tracker = new LoadTracker(RELEASE_8_5_2, users, presence, () => 50, memory);
    try {
      for (const u of users) presence.setCalendar(u, 'free');
      rss = 330 * MB;
      memory.sample(); // as its timer does while the run goes on
      now += 60_000;
      for (const u of users.slice(0, 2)) presence.setCalendar(u, 'busy');
      rss = 320 * MB;
      const report = tracker.report(users.length);
      expect(report.startRssKb).toBe(300 * 1024);
      expect(report.peakRssKb).toBe(330 * 1024);
      expect(report.peakRssKb).not.toBe(maxRssOfProcess);
      expect(report.transitions.count).toBe(2);
      const text = describeLoad(report);
      // 30 MB above the start, over 4 users: 7,680 KB each.
      expect(text).toContain('peak RSS 330 MB while it ran');
      expect(text).toContain('300 MB before the load, 7680 KB per user above that');
    } finally {
      tracker.dispose();
    }
  });
});
