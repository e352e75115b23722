import type { PresenceChange, PresenceStore } from '../../gateway/presence/presence-store.ts';
import type { ReleaseProfile } from '../../gateway/releases/release-profile.ts';
import { RssPeak } from './rss-peak.ts';

export interface LimitStanding {
  count: number;
  percent: number;
  limitPercent: number;
  within: boolean;
}

/** Where a load run stands against its release's validated limits. */
export interface LoadReport {
  release: string;
  users: number;
  subscribing: LimitStanding;
  /** The busiest minute: users whose calendar state changed in that same minute. */
  transitions: LimitStanding & { minute: string | undefined };
  /** Of the busiest minute's transitions, those published within Calendar Spread seconds of the minute. */
  publishedWithinSpread: number;
  calendarSpreadSeconds: number;
  /** Wall time from the lab's start until the last user's calendar was first read (subscribe, then FindItem). */
  subscribeMs: number | undefined;
  /**
   * Peak resident memory of the process while this run lasted (node and mock Exchange together in a scenario lab),
   * sampled: not the peak of the process's whole life, which an earlier, larger run in the same process would set.
   */
  peakRssKb: number;
  /** Resident memory of the process when the run began, before its users were configured. */
  startRssKb: number;
  within: boolean;
}

/** Counts calendar transitions (meeting start or end, not first reads) per minute of virtual time. */
export class LoadTracker {
  /** Per minute: each user whose calendar changed in it, and when it was published. */
  readonly #perMinute = new Map<number, Map<string, number>>();
  readonly #startedAt = performance.now();
  readonly #rss: RssPeak;
  #lastFirstReadAt: number | undefined;
  readonly #onChange = (c: PresenceChange) => {
    const before = c.previous?.calendar;
    if (c.presence.calendar === 'unknown') return;
    if (before === undefined || before === 'unknown') {
      this.#lastFirstReadAt = performance.now();
      return;
    }
    if (before === c.presence.calendar) return;
    const minute = Math.floor(c.at / 60_000);
    const users = this.#perMinute.get(minute) ?? new Map<string, number>();
    users.set(c.userId, c.at);
    this.#perMinute.set(minute, users);
  };

  constructor(
    readonly profile: ReleaseProfile,
    readonly users: readonly string[],
    readonly presence: PresenceStore,
    /** The node's Calendar Spread (seconds) now. */
    readonly calendarSpread: () => number = () => 0,
    /** Samples the process's resident memory from now on; the tracker stops it when disposed. */
    rss: RssPeak = new RssPeak(),
  ) {
    this.#rss = rss;
    presence.on('change', this.#onChange);
  }

  report(subscribed: number): LoadReport {
    const total = this.users.length;
    let peak: [number, Map<string, number>] | undefined;
    for (const entry of this.#perMinute) if (!peak || entry[1].size > peak[1].size) peak = entry;
    const standing = (count: number, limitPercent: number): LimitStanding => {
      const percent = total === 0 ? 0 : Math.round((count / total) * 1000) / 10;
      return { count, percent, limitPercent, within: percent <= limitPercent };
    };
    const subscribing = standing(subscribed, this.profile.scale.subscribingPercent);
    const transitions = {
      ...standing(peak?.[1].size ?? 0, this.profile.scale.transitionsPercent),
      minute: peak ? new Date(peak[0] * 60_000).toISOString().slice(11, 16) : undefined,
    };
    const spread = this.calendarSpread();
    const deadline = peak ? peak[0] * 60_000 + spread * 1000 : 0;
    return {
      release: this.profile.release,
      users: total,
      subscribing,
      transitions,
      publishedWithinSpread: peak ? [...peak[1].values()].filter((at) => at <= deadline).length : 0,
      calendarSpreadSeconds: spread,
      subscribeMs: this.#lastFirstReadAt === undefined ? undefined : this.#lastFirstReadAt - this.#startedAt,
      peakRssKb: this.#rss.sample(),
      startRssKb: this.#rss.startKb,
      within: subscribing.within && transitions.within,
    };
  }

  dispose(): void {
    this.presence.off('change', this.#onChange);
    this.#rss.stop();
  }
}

export function describeLoad(r: LoadReport): string {
  const line = (what: string, s: LimitStanding) =>
    `${what}: ${s.count} of ${r.users} users (${s.percent} %), validated up to ${s.limitPercent} %: ${s.within ? 'within' : 'BEYOND'} the limit`;
  return [
    `Release ${r.release}`,
    line('subscribing to calendar presence', r.subscribing),
    line(
      `simultaneous calendar transitions${r.transitions.minute ? ` (at ${r.transitions.minute})` : ''}`,
      r.transitions,
    ),
    `${r.publishedWithinSpread} of ${r.transitions.count} transitions published within Calendar Spread (${r.calendarSpreadSeconds} s)`,
    `time to subscribe ${r.subscribeMs === undefined ? '-' : `${(r.subscribeMs / 1000).toFixed(1)} s`} (wall)`,
    `peak RSS ${Math.round(r.peakRssKb / 1024)} MB while it ran (node and mock Exchange in one process; ${Math.round(r.startRssKb / 1024)} MB before the load, ${Math.round(Math.max(0, r.peakRssKb - r.startRssKb) / Math.max(1, r.users))} KB per user above that)`,
  ].join('; ');
}
