import { formatLogEntry } from '../../gateway/debug-log.ts';
import { Lab } from '../../lab/create-lab.ts';
import type { OrgConfig } from '../../mock-exchange/org-config.ts';
import { VirtualClock } from '../../sim/clock.ts';
import { type CalendarChange, CLOSING_MEETING, planCalendars } from './calendar-plan.ts';
import { truthAt } from './calendar-truth.ts';
import { CHAOS_FAULT_KINDS, type ChaosFaultKind, FaultApplier, faultBehaviour } from './chaos-faults.ts';
import {
  chaosUserId,
  convergenceBound,
  DEFAULTS,
  minimumDuration,
  replayCommand,
  TAIL_MARGIN,
  WARM_UP,
} from './chaos-options.ts';
import { ConvergenceTracker, percentile } from './convergence.ts';
import { planFaults } from './fault-plan.ts';
import { SeededRandom } from './seeded-random.ts';

const MINUTE = 60_000;
/** Monday 6 May 2030, 06:00 UTC: every run's virtual day starts here. */
export const CHAOS_START = Date.UTC(2030, 4, 6, 6, 0, 0);
/** Presence is sampled at second 55 of every minute: after the Calendar Spread (at most 59 s) of a boundary. */
const SAMPLE_AT = 55_000;
const SERVERS = ['ex1', 'ex2'];

export interface ChaosOptions {
  users?: number;
  seed?: string;
  durationMs?: number;
  faults?: readonly ChaosFaultKind[];
  faultCount?: number;
  /** Test-only: the gateway's silence watchdog never re-subscribes (a broken recovery path to be caught). */
  disableWatchdog?: boolean;
  onProgress?: (message: string) => void;
}

export interface AppliedFault {
  name: string;
  kind: ChaosFaultKind;
  server?: string;
  from: string;
  until: string;
  explain: string;
}

export interface StuckUser {
  userId: string;
  mailbox: string;
  /** null: still mismatched at the end; else how long after the last fault it converged (past the bound). */
  convergedAfterMs: number | null;
  expected: string;
  published: string;
  lastLog: string[];
}

export interface ChaosResult {
  ok: boolean;
  seed: string;
  users: number;
  durationMs: number;
  faultKinds: ChaosFaultKind[];
  faults: AppliedFault[];
  calendarChanges: { applied: number; skipped: number };
  mismatchedUserMinutes: { beforeFaults: number; duringFaults: number; afterFaults: number };
  faultPeriod: { from: string; to: string };
  boundMs: number;
  convergence: { p50Ms: number; p99Ms: number; maxMs: number; converged: number };
  stuck: StuckUser[];
  wallMs: number;
  timeDriver: { timersFired: number; safetyStops: number };
  replay: string;
}

function orgConfig(users: number, initial: Map<string, OrgConfig['mailboxes'][number]['meetings']>): OrgConfig {
  return {
    domain: 'example.test',
    seed: 'chaos',
    servers: SERVERS.map((name, i) => ({ name, fqdn: `${name}.example.test`, ip: `127.0.50.${i + 1}`, port: 0 })),
    accounts: [{ user: 'svc-imp', password: 'Imp-Passw0rd', impersonation: true }],
    mailboxes: Array.from({ length: users }, (_, i) => {
      const address = `${chaosUserId(i)}@example.test`;
      return {
        address,
        displayName: `User ${i + 1}`,
        server: SERVERS[i % SERVERS.length] as string,
        meetings: initial.get(address),
      };
    }),
  };
}

/** Make one planned calendar change on the mock; false when there was nothing to cancel or move. */
function change(lab: Lab, c: CalendarChange): boolean {
  const admin = lab.exchange.admin;
  if (c.kind === 'book') {
    admin.createMeeting(c.mailbox, c.meeting);
    return true;
  }
  const now = lab.clock.now();
  // The closing meeting stays: it is what shows a subscription that never recovered at the last minute.
  const open = admin
    .meetings(c.mailbox)
    .filter((m) => Date.parse(m.end) > now && !m.recurrence && m.subject !== CLOSING_MEETING);
  if (open.length === 0) return false;
  const m = open[Math.min(open.length - 1, Math.floor(c.pick * open.length))]!;
  if (c.kind === 'cancel') admin.deleteMeeting(c.mailbox, m.id);
  else {
    const by = c.byMinutes * MINUTE;
    admin.updateMeeting(c.mailbox, m.id, {
      start: new Date(Date.parse(m.start) + by).toISOString(),
      end: new Date(Date.parse(m.end) + by).toISOString(),
    });
  }
  return true;
}

/**
 * `pgsim chaos`: N users with seeded calendars on the lab's virtual clock, a seeded fault schedule that clears
 * before a quiet tail, each user's published presence compared every minute with the truth from the mock's
 * calendars, and every user held to converge within the bound after the last fault.
 */
export async function runChaos(options: ChaosOptions = {}): Promise<ChaosResult> {
  const wall = performance.now();
  const users = options.users ?? DEFAULTS.users;
  const seed = options.seed ?? new SeededRandom(String(Date.now()), 'seed').int(0, 2 ** 31).toString(36);
  const durationMs = options.durationMs ?? DEFAULTS.durationMs;
  const kinds = [...(options.faults ?? CHAOS_FAULT_KINDS)];
  const faultCount = options.faultCount ?? DEFAULTS.faultCount;
  const say = options.onProgress ?? (() => {});
  if (!Number.isInteger(users) || users < 1) throw new RangeError(`users must be a whole number >= 1, got ${users}`);
  if (!Number.isInteger(faultCount) || faultCount < 0)
    throw new RangeError(`the fault count must be a whole number >= 0, got ${faultCount}`);
  if (!(durationMs >= minimumDuration()))
    throw new RangeError(
      `the duration must be at least ${minimumDuration() / MINUTE} minutes (warm-up, an hour of faults, the quiet tail), got ${durationMs / MINUTE}`,
    );
  const end = CHAOS_START + Math.floor(durationMs / MINUTE) * MINUTE;

  const mailboxes = Array.from({ length: users }, (_, i) => `${chaosUserId(i)}@example.test`);
  // The bound needs the node's EWS Status Frequency; the default parameters hold until the lab says otherwise.
  const boundMs = convergenceBound(60);
  const faultsTo = end - boundMs - TAIL_MARGIN;
  const planned = planFaults({
    seed,
    kinds,
    count: faultCount,
    servers: SERVERS,
    from: CHAOS_START + WARM_UP,
    to: faultsTo,
  });
  const period = {
    from: planned[0]?.at ?? CHAOS_START + WARM_UP,
    to: planned.reduce((t, f) => Math.max(t, f.until), planned[0]?.at ?? CHAOS_START + WARM_UP),
  };
  const calendars = planCalendars({
    seed,
    mailboxes,
    from: CHAOS_START,
    to: end,
    recoveryFrom: period.to,
    probeFrom: period.to + boundMs,
  });

  const lab = await Lab.create({
    clock: new VirtualClock(CHAOS_START),
    org: orgConfig(users, calendars.initial),
    exchangeAdminPort: null,
    startEngine: false,
  });
  try {
    const statusFrequency = lab.imp.config.parameters.get().ewsStatusFrequency;
    if (convergenceBound(statusFrequency) !== boundMs)
      throw new Error('EWS Status Frequency is not the default 60 min');
    const roster = mailboxes.map((mailbox) => ({ userId: mailbox.split('@')[0] as string, mailbox }));
    for (const u of roster) lab.imp.presence.setClient(u.userId, 'available');
    if (options.disableWatchdog) lab.imp.calendars.options.watchdogDisabled = true;
    await lab.imp.engine.start();
    await lab.settle();

    const actions = new Map<number, (() => Promise<void>)[]>();
    const at = (t: number, fn: () => Promise<void>) => actions.set(t, [...(actions.get(t) ?? []), fn]);
    const applier = new FaultApplier(lab);
    const time = lab.time!;
    for (const f of planned) {
      at(f.at, () => time.drive(applier.apply(f)));
      if (!faultBehaviour(f.kind).instant) at(f.until, () => time.drive(applier.clear(f)));
    }
    const applied = { applied: 0, skipped: 0 };
    for (const c of calendars.changes)
      at(c.at, async () => {
        if (change(lab, c)) applied.applied++;
        else applied.skipped++;
      });

    const tracker = new ConvergenceTracker(roster, period);
    for (let t = CHAOS_START; t < end; t += MINUTE) {
      await lab.runUntil(t);
      for (const fn of actions.get(t) ?? []) await fn();
      await lab.runUntil(t + SAMPLE_AT);
      const sampleAt = lab.clock.now();
      roster.forEach((u, i) => {
        tracker.record(sampleAt, i, truthAt(lab.exchange, u.mailbox, sampleAt), lab.imp.presence.get(u.userId).label);
      });
      if ((t - CHAOS_START) % (60 * MINUTE) === 0)
        say(`${new Date(t).toISOString()} virtual, ${Math.round(performance.now() - wall)} ms wall`);
    }

    const times: number[] = [];
    const stuck: StuckUser[] = [];
    const entries = lab.journal.entries();
    for (const u of tracker.users) {
      const after = tracker.convergedAfter(u, MINUTE);
      if (after !== null && after <= boundMs) {
        times.push(after);
        continue;
      }
      if (after !== null) times.push(after);
      stuck.push({
        userId: u.userId,
        mailbox: u.mailbox,
        convergedAfterMs: after,
        expected: u.last?.expected ?? '',
        published: u.last?.published ?? '',
        lastLog: entries
          .filter((e) => e.data?.user === u.userId)
          .slice(-3)
          .map(formatLogEntry),
      });
    }
    const sum = (k: 'before' | 'during' | 'after') => tracker.users.reduce((n, u) => n + u.mismatched[k], 0);
    const iso = (t: number) => new Date(t).toISOString();
    return {
      ok: stuck.length === 0,
      seed,
      users,
      durationMs: end - CHAOS_START,
      faultKinds: kinds,
      faults: planned.map((f) => ({
        name: f.name,
        kind: f.kind,
        ...(f.server ? { server: f.server } : {}),
        from: iso(f.at),
        until: iso(f.until),
        explain: faultBehaviour(f.kind).explain(f),
      })),
      calendarChanges: applied,
      mismatchedUserMinutes: { beforeFaults: sum('before'), duringFaults: sum('during'), afterFaults: sum('after') },
      faultPeriod: { from: iso(period.from), to: iso(period.to) },
      boundMs,
      convergence: {
        p50Ms: percentile(times, 50),
        p99Ms: percentile(times, 99),
        maxMs: times.length ? Math.max(...times) : 0,
        converged: users - stuck.filter((s) => s.convergedAfterMs === null).length,
      },
      stuck,
      wallMs: Math.round(performance.now() - wall),
      timeDriver: { timersFired: time.stats.timersFired, safetyStops: time.stats.safetyStops },
      replay: replayCommand(seed, users, end - CHAOS_START, kinds, faultCount),
    };
  } finally {
    await lab.stop();
  }
}
