import type { PresenceChange, PresenceStore } from '../../gateway/presence/presence-store.ts';
import type { ReleaseProfile } from '../../gateway/releases/release-profile.ts';

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
  within: boolean;
}

/** Counts calendar transitions (meeting start or end, not first reads) per minute of virtual time. */
export class LoadTracker {
  readonly #perMinute = new Map<number, Set<string>>();
  readonly #onChange = (c: PresenceChange) => {
    const before = c.previous?.calendar;
    if (before === undefined || before === 'unknown' || c.presence.calendar === 'unknown') return;
    if (before === c.presence.calendar) return;
    const minute = Math.floor(c.at / 60_000);
    const users = this.#perMinute.get(minute) ?? new Set<string>();
    users.add(c.userId);
    this.#perMinute.set(minute, users);
  };

  constructor(
    readonly profile: ReleaseProfile,
    readonly users: readonly string[],
    readonly presence: PresenceStore,
  ) {
    presence.on('change', this.#onChange);
  }

  report(subscribed: number): LoadReport {
    const total = this.users.length;
    let peak: [number, Set<string>] | undefined;
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
    return {
      release: this.profile.release,
      users: total,
      subscribing,
      transitions,
      within: subscribing.within && transitions.within,
    };
  }

  dispose(): void {
    this.presence.off('change', this.#onChange);
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
  ].join('; ');
}
